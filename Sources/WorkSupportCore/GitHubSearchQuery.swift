/// One `/search/issues` query of a harvest: a member's issues or pull requests with one label.
public struct GitHubSearchQuery: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case issue
        case pullRequest = "pr"
    }

    public var memberID: String
    public var login: String
    public var label: String
    public var kind: Kind
    /// The `q` parameter, unencoded.
    public var text: String

    public init(memberID: String, login: String, label: String, kind: Kind, text: String) {
        self.memberID = memberID
        self.login = login
        self.label = label
        self.kind = kind
        self.text = text
    }
}
