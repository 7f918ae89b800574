import FoundationEssentials

/// A row of `reload_requests`: a full reload the API queued or the harvester started itself.
public struct ReloadRequest: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case queued
        case running
        case completed
        case failed
        case cancelled
    }

    public let id: Int64
    public let status: Status
    public let requestedAt: Date
    public let requestedBy: String?
    public let force: Bool
    public let startedAt: Date?
    public let completedAt: Date?
    public let runID: Int64?
    public let recordsProcessed: Int
    public let issuesDeleted: Int
    public let errorMessage: String?
}
