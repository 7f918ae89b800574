/// Finding every reason a list of types cannot form a hierarchy.
extension IssueTypeHierarchy {
    /// Defects in definition order: ids first, then undefined children, then cycles. Each cycle is
    /// reported once, starting at its type defined first.
    public static func defects(in types: [IssueType]) -> [IssueTypeHierarchyError] {
        var defects: [IssueTypeHierarchyError] = []
        var position: [Int: Int] = [:]
        for (index, type) in types.enumerated() {
            if type.id < 0 {
                defects.append(IssueTypeHierarchyError(code: .reservedTypeID, typeID: type.id))
            } else if position[type.id] != nil {
                defects.append(IssueTypeHierarchyError(code: .duplicateTypeID, typeID: type.id))
            } else {
                position[type.id] = index
            }
        }
        for type in types {
            for child in type.childIDs where position[child] == nil {
                defects.append(IssueTypeHierarchyError(code: .undefinedChild, typeID: type.id, childID: child))
            }
        }
        defects += cycles(in: types, position: position)
        return defects
    }

    /// Depth-first search; every edge back into the current path closes one cycle.
    private static func cycles(in types: [IssueType], position: [Int: Int]) -> [IssueTypeHierarchyError] {
        enum Mark { case onPath, done }
        var marks: [Int: Mark] = [:]
        var path: [Int] = []
        var found: [[Int]] = []
        var seen: Set<[Int]> = []

        func visit(_ id: Int) {
            marks[id] = .onPath
            path.append(id)
            for child in types[position[id]!].childIDs where position[child] != nil {
                switch marks[child] {
                case .onPath?:
                    var cycle = Array(path[path.lastIndex(of: child)!...])
                    let start = cycle.indices.min { position[cycle[$0]]! < position[cycle[$1]]! }!
                    cycle = Array(cycle[start...] + cycle[..<start])
                    if seen.insert(cycle).inserted { found.append(cycle) }
                case .done?:
                    break
                case nil:
                    visit(child)
                }
            }
            path.removeLast()
            marks[id] = .done
        }

        for type in types where position[type.id] != nil && marks[type.id] == nil {
            visit(type.id)
        }
        return found
            .sorted { position[$0[0]]! < position[$1[0]]! }
            .map { IssueTypeHierarchyError(code: .cycle, typeID: $0[0], cycle: $0 + [$0[0]]) }
    }
}
