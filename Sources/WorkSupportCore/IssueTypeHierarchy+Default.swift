/// The hierarchy of DESIGN.md, used when the configuration defines no `issue_type.*` keys.
extension IssueTypeHierarchy {
    public static let `default` = IssueTypeHierarchy(checkedTypes: [
        IssueType(id: 10004, name: "Product Version", childIDs: [10000, 11140]),
        IssueType(id: 10000, name: "Feature", childIDs: [10101, 10104]),
        IssueType(id: 11140, name: "Customer Adoption", childIDs: [10101]),
        IssueType(id: 10101, name: "Story"),
        IssueType(id: 10104, name: "Task"),
    ])
}
