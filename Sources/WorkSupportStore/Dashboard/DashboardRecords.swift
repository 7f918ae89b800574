/// What the dashboard's pages show, read by `DashboardQueries`. Times are RFC 3339 UTC text as
/// the API writes them; ages are whole seconds before the database's `now()`.

/// A source's harvest state: how many issues it has, and the newest run that harvested it.
public struct SourceHarvest: Sendable, Equatable {
    public var source: String
    public var issueCount: Int
    public var lastRun: HarvestRunRecord?
}

/// Issues of one source in one Jira status category (`new`, `indeterminate`, `done`; empty
/// when unknown, as for GitHub items).
public struct IssueCount: Sendable, Equatable {
    public var source: String
    public var statusCategory: String
    public var count: Int
}

/// Anomalies of one kind in each triage state.
public struct AnomalyKindCount: Sendable, Equatable {
    public var kind: String
    public var open: Int
    public var acknowledged: Int
    public var resolved: Int
}

public struct DashboardOverview: Sendable, Equatable {
    public var sources: [SourceHarvest]
    public var newestRun: HarvestRunRecord?
    public var issueCounts: [IssueCount]
    public var anomalies: [AnomalyKindCount]
}

public struct HarvestRunRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var trigger: String?
    public var fullReload: Bool
    public var status: String
    public var startedAt: String
    public var finishedAt: String?
    /// Seconds since the run finished (since it started while it runs).
    public var ageSeconds: Int64
    public var durationSeconds: Int64?
    public var counts: HarvestRunCounts
    public var anomaliesNew: Int
    public var anomaliesResolved: Int
    public var errorCount: Int
    public var errorMessage: String?
    public var slack: SlackRunCounts
    /// Raw deliveries (`webhook_deliveries`) and push ranges (`branch_pushes`) the run's retention deleted.
    public var deliveriesPruned: Int
    public var pushesPruned: Int
}

/// The Slack part of a run's audit (`harvest_runs.slack_*`); zero for a run that did not collect Slack.
public struct SlackRunCounts: Sendable, Equatable {
    public var messagesFetched: Int
    public var messagesWritten: Int
    public var messagesDeleted: Int
    public var messagesPruned: Int
    public var channelsSkipped: Int
}

public struct HarvestErrorRecord: Sendable, Equatable {
    public var source: String
    public var itemKey: String?
    public var reason: String
    public var httpStatus: Int?
    public var attempts: Int
    public var occurredAt: String
}

public struct ReloadRecord: Sendable, Equatable {
    public var id: Int64
    public var status: String
    public var requestedAt: String
    public var requestedBy: String?
    public var force: Bool
    public var runID: Int64?
    public var errorMessage: String?
}

/// One anomaly as triage sees it; `state` is `open`, `acknowledged` or `resolved`
/// (`AnomalyTriageSQL.state`).
public struct AnomalyRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var issueKey: String
    public var issueSummary: String?
    public var assignee: String?
    public var state: String
    public var firstSeen: String
    public var lastSeen: String
    public var resolvedAt: String?
    public var occurrences: Int
    public var acknowledgedAt: String?
    public var acknowledgedBy: String?
    public var note: String?
    /// The finding's `details` as JSON text.
    public var details: String
    /// `details` when last acknowledged (JSON text).
    public var acknowledgedDetails: String?
    /// When and why the last acknowledgement ended: `changed` (the details differ), `returned`
    /// (found again after resolving) or `reopened` (by a person).
    public var acknowledgementEndedAt: String?
    public var acknowledgementEnd: String?
}

/// A page of anomalies, how many matched in all, and how many of those come before the page.
public struct AnomalyListing: Sendable, Equatable {
    public var anomalies: [AnomalyRecord]
    public var totalCount: Int
    public var preceding: Int

    public init(anomalies: [AnomalyRecord], totalCount: Int, preceding: Int) {
        self.anomalies = anomalies
        self.totalCount = totalCount
        self.preceding = preceding
    }
}

/// Where a page of anomalies starts: after the anomaly `after` (older ones), before `before`
/// (newer ones), or at the newest.
public struct AnomalyCursor: Sendable, Equatable {
    public var after: Int64?
    public var before: Int64?

    public init(after: Int64? = nil, before: Int64? = nil) {
        self.after = after
        self.before = before
    }
}

public struct IssueDetail: Sendable, Equatable {
    public struct Relative: Sendable, Equatable {
        public var key: String
        public var summary: String
        public var status: String?
        public var issueType: String?
    }

    public var key: String
    public var source: String
    public var summary: String
    public var status: String?
    public var statusCategory: String?
    public var issueType: String?
    public var upstreamIssueType: String?
    public var assignee: String?
    public var assigneeName: String?
    public var labels: [String]
    public var fixVersions: [String]
    public var url: String?
    public var createdAt: String?
    public var updatedAt: String
    public var resolvedAt: String?
    public var harvestedAt: String
    public var epicKey: String?
    public var parentKey: String?
    public var parent: Relative?
    public var children: [Relative]
    public var anomalies: [AnomalyRecord]
}

/// One issue in the dashboard's hierarchy, with the number of its children (read, not walked).
public struct HierarchyNodeRecord: Sendable, Equatable {
    public var key: String
    public var summary: String
    public var issueType: String?
    public var status: String?
    /// The member's name when the assignee is a member, else the upstream assignee.
    public var assignee: String?
    public var url: String?
    public var parentKey: String?
    public var childCount: Int
}

/// A page of one level of the hierarchy: its nodes in key order, how many the level has, and
/// how many come before this page.
public struct HierarchyLevel: Sendable, Equatable {
    public var nodes: [HierarchyNodeRecord]
    public var totalCount: Int
    public var preceding: Int

    public init(nodes: [HierarchyNodeRecord], totalCount: Int, preceding: Int) {
        self.nodes = nodes
        self.totalCount = totalCount
        self.preceding = preceding
    }
}
