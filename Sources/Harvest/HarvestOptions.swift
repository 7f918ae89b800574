import WorkSupportCore
import WorkSupportStore

/// What one `worksupport-harvest` invocation is asked to do.
public struct HarvestOptions: Sendable {
    public var fullReload: Bool
    public var sources: Set<IssueSource>
    /// Fetch and normalize, write nothing (no run row either).
    public var dryRun: Bool
    public var kind: HarvestRunKind
    public var trigger: String?
    /// Collect Slack too (when `slack.token` is set); `--source slack` clears `sources` instead.
    public var collectsSlack: Bool

    public init(fullReload: Bool = false, sources: Set<IssueSource> = Set(IssueSource.allCases),
                dryRun: Bool = false, kind: HarvestRunKind = .scheduled, trigger: String? = nil,
                collectsSlack: Bool = true) {
        self.fullReload = fullReload
        self.sources = sources
        self.dryRun = dryRun
        self.kind = kind
        self.trigger = trigger
        self.collectsSlack = collectsSlack
    }
}

/// How a run ended; the process exit status follows from it (0 ok, 1 partial, 2 failed).
public struct HarvestReport: Sendable {
    public var runID: Int64?
    public var status: HarvestRunStatus
    public var counts: HarvestRunCounts
    public var fullReload: Bool
    /// Upstream requests, retries included.
    public var requests: Int
    public var retries: Int
    public var message: String?

    public var exitCode: Int32 {
        switch status {
        case .completed, .running: 0
        case .partial: 1
        case .failed: 2
        }
    }
}
