/// A Jira issue type and the types its issues may have as children.
public struct IssueType: Sendable, Hashable, Identifiable {
    /// Jira's numeric issue type id; -1 only for `unknown`.
    public var id: Int
    public var name: String
    /// Allowed child types, in the order the configuration lists them.
    public var childIDs: [Int]

    public init(id: Int, name: String, childIDs: [Int] = []) {
        self.id = id
        self.name = name
        self.childIDs = childIDs
    }

    /// Stands in for any type missing from the hierarchy; issues of such types raise an anomaly.
    public static let unknown = IssueType(id: -1, name: "Error-Type Not Known")

    public var isUnknown: Bool { id == IssueType.unknown.id }
}
