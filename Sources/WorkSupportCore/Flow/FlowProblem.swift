/// Why an issue's flow figures cannot be trusted. Such an issue is left out of the percentiles
/// and the time in status, and counted and listed with its reasons instead (docs/flow.md).
/// Cases sort by their wire code, as the store lists them.
public enum FlowProblem: Sendable, Hashable, Comparable {
    /// It is dated done before it was created.
    case doneBeforeCreated
    /// Its last entry into a done status is dated before its first entry into an in-progress one.
    case doneBeforeStarted
    /// Its history could not be fetched completely (the reason as recorded by the harvest).
    case historyIncomplete(reason: String)
    /// Its history was never fetched.
    case historyMissing
    /// A transition leaves a status the issue was not in (the previous transition went elsewhere).
    case unknownFromStatus(changelogID: String)
    /// A transition touches a status id that `/rest/api/3/status` does not list.
    case unknownStatus(id: String)

    /// The wire name (`reasons[].code` in `/api/flow`).
    public var code: String {
        switch self {
        case .doneBeforeStarted: "done_before_started"
        case .doneBeforeCreated: "done_before_created"
        case .unknownFromStatus: "unknown_from_status"
        case .unknownStatus: "unknown_status"
        case .historyIncomplete: "history_incomplete"
        case .historyMissing: "history_missing"
        }
    }

    /// Incomplete: something is missing. Contradictory: what is there disagrees with itself.
    public var isIncomplete: Bool {
        switch self {
        case .historyIncomplete, .historyMissing: true
        default: false
        }
    }

    public var detail: String {
        switch self {
        case .doneBeforeStarted: "its last entry into done precedes its first entry into an in-progress status"
        case .doneBeforeCreated: "it is dated done before it was created"
        case .unknownFromStatus(let id): "changelog \(id) leaves a status the issue was not in"
        case .unknownStatus(let id): "status id \(id) is not among the site's statuses"
        case .historyIncomplete(let reason): "history incomplete: \(reason)"
        case .historyMissing: "history never fetched"
        }
    }
}
