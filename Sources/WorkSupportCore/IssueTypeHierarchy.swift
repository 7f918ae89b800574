/// Which issue types may sit under which: the shape the harvester walks and the anomaly rules check.
///
/// Always acyclic, with unique ids and every child defined: `init(types:)` refuses anything else.
public struct IssueTypeHierarchy: Sendable, Hashable {
    /// Every type, in definition order.
    public let types: [IssueType]
    /// Type ids per level, root level first; a type reachable at several depths is in each level.
    private let levelIDs: [[Int]]
    private let indexByID: [Int: Int]

    public init(types: [IssueType]) throws(IssueTypeHierarchyError) {
        if let defect = Self.defects(in: types).first { throw defect }
        self.init(checkedTypes: types)
    }

    /// For types already checked (the default hierarchy, the configuration parser, which reports
    /// defects itself); tolerates undefined children and cycles without trapping.
    init(checkedTypes types: [IssueType]) {
        self.types = types
        var indexByID: [Int: Int] = [:]
        for (index, type) in types.enumerated() { indexByID[type.id] = index }
        self.indexByID = indexByID

        let childIDs = Set(types.flatMap(\.childIDs))
        var level = types.map(\.id).filter { !childIDs.contains($0) }
        var levels: [[Int]] = []
        // Acyclic, so no path is longer than the number of types; the bound is only a safeguard.
        while !level.isEmpty, levels.count <= types.count {
            levels.append(level)
            var next: [Int] = []
            for id in level {
                guard let index = indexByID[id] else { continue }
                for child in types[index].childIDs where indexByID[child] != nil && !next.contains(child) {
                    next.append(child)
                }
            }
            level = next
        }
        self.levelIDs = levels
    }

    public func type(id: Int) -> IssueType? {
        indexByID[id].map { types[$0] }
    }

    /// The first type with this name, ignoring case.
    public func type(named name: String) -> IssueType? {
        let wanted = name.lowercased()
        return types.first { $0.name.lowercased() == wanted }
    }

    /// The type with this id, or `IssueType.unknown` when the hierarchy does not know it.
    public func resolve(id: Int) -> IssueType {
        type(id: id) ?? .unknown
    }

    /// Types that are nobody's child, in definition order.
    public var rootTypes: [IssueType] {
        levels.first ?? []
    }

    /// The types allowed under `parentID`; none for an unknown type.
    public func allowedChildren(of parentID: Int) -> [IssueType] {
        type(id: parentID)?.childIDs.compactMap { type(id: $0) } ?? []
    }

    public func allows(child childID: Int, under parentID: Int) -> Bool {
        type(id: parentID)?.childIDs.contains(childID) ?? false
    }

    /// The types to query at each step of a level-by-level walk, root level first: level n+1 holds
    /// the children allowed under any type of level n.
    public var levels: [[IssueType]] {
        levelIDs.map { $0.compactMap { type(id: $0) } }
    }

    /// The shallowest level a type can appear at (0 for roots); nil for a type not in the hierarchy.
    public func depth(of typeID: Int) -> Int? {
        levelIDs.firstIndex { $0.contains(typeID) }
    }

    /// The number of levels.
    public var depth: Int {
        levelIDs.count
    }
}
