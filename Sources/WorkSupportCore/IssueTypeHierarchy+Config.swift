/// Reading the `issue_type.<id>.{name,children}` keys.
extension IssueTypeHierarchy {
    /// The configured hierarchy, or the default one when no `issue_type.*` key is given.
    static func read(from reader: inout ConfigReader) -> IssueTypeHierarchy {
        let prefix = ConfigKeyPattern.issueTypePrefix
        let keys = reader.keys(withPrefix: prefix)
        guard !keys.isEmpty else {
            for type in IssueTypeHierarchy.default.types {
                reader.record("\(prefix)\(type.id).name", type.name, .default)
                if !type.childIDs.isEmpty {
                    reader.record("\(prefix)\(type.id).children", Self.childList(type.childIDs), .default)
                }
            }
            return .default
        }

        var typeIDs: [Int] = []
        var firstLine: [Int: Int] = [:]
        for key in keys {
            guard let (text, _) = ConfigKeyPattern.split(key, prefix: prefix),
                  let id = ConfigKeyPattern.issueTypeID(text), !typeIDs.contains(id) else { continue }
            typeIDs.append(id)
            firstLine[id] = reader.values[key]?.origin.line
        }

        var types: [IssueType] = []
        var childrenLine: [Int: Int] = [:]
        for id in typeIDs {
            let nameKey = "\(prefix)\(id).name", childrenKey = "\(prefix)\(id).children"
            if reader.values[nameKey] == nil {
                reader.report(.incompleteIssueType, key: nameKey, line: firstLine[id],
                              "issue type \(id) has no name (add \(nameKey))")
            }
            let name = reader.string(nameKey, .ifGiven) ?? ""
            var childIDs: [Int] = []
            if let value = reader.lookup(childrenKey, .optional) {
                childrenLine[id] = value.origin.line
                if let parsed = Self.parseChildList(value.text) {
                    childIDs = parsed
                    reader.record(childrenKey, Self.childList(parsed), value.origin)
                } else {
                    reader.reportInvalid(.invalidIssueTypeList, key: childrenKey, value: value,
                                         "expected comma-separated issue type ids, got '\(value.text)'")
                }
            }
            types.append(IssueType(id: id, name: name, childIDs: childIDs))
        }

        for defect in defects(in: types) {
            let childrenKey = "\(prefix)\(defect.typeID).children"
            switch defect.code {
            case .undefinedChild:
                reader.report(.undefinedChildType, key: childrenKey, line: childrenLine[defect.typeID],
                              "\(childrenKey): type \(defect.childID ?? 0) is not defined")
            case .cycle:
                reader.report(.hierarchyCycle, key: childrenKey, line: childrenLine[defect.typeID],
                              defect.description)
            case .duplicateTypeID, .reservedTypeID:
                // Ids come from keys: grouped, hence unique, and digits only, hence not negative.
                break
            }
        }
        return IssueTypeHierarchy(checkedTypes: types)
    }

    /// `10101, 10104` → [10101, 10104]; repeated ids are kept once; nil on anything else.
    private static func parseChildList(_ text: String) -> [Int]? {
        var ids: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = ConfigKeyPattern.issueTypeID(item.trimmingWhitespace()) else { return nil }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    private static func childList(_ ids: [Int]) -> String {
        ids.map(String.init).joined(separator: ",")
    }
}
