import FoundationEssentials

/// One Jira project version as `releases` stores it.
public struct ReleaseVersion: Sendable, Equatable {
    public var projectKey: String
    public var name: String
    public var versionID: String?
    public var released: Bool
    /// `YYYY-MM-DD` as Jira sends it.
    public var releaseDate: String?

    public init(projectKey: String, name: String, versionID: String?, released: Bool, releaseDate: String?) {
        self.projectKey = projectKey
        self.name = name
        self.versionID = versionID
        self.released = released
        self.releaseDate = releaseDate
    }
}
