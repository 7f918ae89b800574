/// One entry of a Jira issue's changelog as the simulator serves it (`changeHistories[]` of
/// bulkfetch, `values[]` of the per-issue changelog).
public struct SimHistoryEntry: Sendable, Hashable {
    public var id: Int
    public var authorAccountID: String?
    public var created: Int64
    public var items: [SimHistoryItem]

    public init(id: Int, authorAccountID: String?, created: Int64, items: [SimHistoryItem]) {
        self.id = id
        self.authorAccountID = authorAccountID
        self.created = created
        self.items = items
    }
}

/// One changed field of a changelog entry, in Jira's shape: `from`/`to` are ids (status id,
/// accountId), `fromString`/`toString` what a person reads.
public struct SimHistoryItem: Sendable, Hashable {
    public var field: String
    /// `status`, `assignee`; nil for fields Jira names only (`Key`, `project`).
    public var fieldID: String?
    public var from: String?
    public var fromString: String?
    public var to: String?
    public var toString: String?

    public init(field: String, fieldID: String?, from: String?, fromString: String?, to: String?, toString: String?) {
        self.field = field
        self.fieldID = fieldID
        self.from = from
        self.fromString = fromString
        self.to = to
        self.toString = toString
    }
}

/// Special histories planted on purpose (docs/simulator.md, "Status histories"); stored on the
/// issue so that every other history can be derived from the issue and the seed alone.
public enum SimFlowPlant: Sendable, Hashable {
    /// More than 100 entries: reopen loops (Jira's embedded changelog stops at 100).
    case long
    /// Moved from another project: an entry changes `Key` and `project` midway.
    case moved(fromKey: String)
    /// The last entry into Done is dated before the first entry into In Progress.
    case doneBeforeStarted
    /// An entry leaves In Review although the issue was In Progress.
    case unknownFromStatus
    /// An entry goes through a status id `/rest/api/3/status` does not list.
    case unknownStatus

    /// Storage form: `long`, `moved:WSX-901`, `done_before_started`, …
    public var text: String {
        switch self {
        case .long: "long"
        case .moved(let key): "moved:\(key)"
        case .doneBeforeStarted: "done_before_started"
        case .unknownFromStatus: "unknown_from_status"
        case .unknownStatus: "unknown_status"
        }
    }

    public init?(text: String) {
        switch text {
        case "long": self = .long
        case "done_before_started": self = .doneBeforeStarted
        case "unknown_from_status": self = .unknownFromStatus
        case "unknown_status": self = .unknownStatus
        default:
            guard text.hasPrefix("moved:"), text.count > 6 else { return nil }
            self = .moved(fromKey: String(text.dropFirst(6)))
        }
    }
}
