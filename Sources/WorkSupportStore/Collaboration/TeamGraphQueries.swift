import FoundationEssentials
import Postgres
import WorkSupportCore

/// The window of a team question: `[since, until)`; the window before it has the same length.
public struct TeamWindow: Sendable, Equatable {
    public var since: Date
    public var until: Date

    public init(since: Date, until: Date) {
        self.since = since
        self.until = until
    }

    public var previousSince: Date { since.addingTimeInterval(-until.timeIntervalSince(since)) }
}

/// A configured member as `team_members` has it.
public struct TeamMemberRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: String?
}

/// The team questions of docs/collaboration.md over `interactions`: the review edges (whose
/// centralities WorkSupportCore's `ReviewGraph` computes) and the quiet, owners and graph
/// documents, which the database serializes in one statement each.
public struct TeamGraphQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func members() throws(StoreError) -> [TeamMemberRow] {
        try storeCall {
            try connection.run(TeamGraphSQL.members).map {
                TeamMemberRow(id: try $0.get("member_id"), name: try $0.get("name"), role: try $0.get("role"))
            }
        }
    }

    /// reviewer -> author with the number of reviews submitted in the window.
    public func reviewEdges(_ window: TeamWindow) throws(StoreError) -> [ReviewGraph.Edge] {
        try storeCall {
            try connection.run(TeamGraphSQL.reviewEdges, [window.since, window.until]).map {
                ReviewGraph.Edge(reviewer: try $0.get("actor"), author: try $0.get("target"), reviews: try $0.get("reviews"))
            }
        }
    }

    /// Members and edges in one read-only snapshot, so the two agree.
    public func reviewInputs(_ window: TeamWindow) throws(StoreError) -> (members: [TeamMemberRow], edges: [ReviewGraph.Edge]) {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { _ in
                (try members(), try reviewEdges(window))
            }
        }
    }

    public func quietJSON(_ window: TeamWindow) throws(StoreError) -> String {
        try storeCall { try connection.run(TeamGraphSQL.quiet, [window.since, window.until])[0].get("body") }
    }

    public func ownersJSON(_ window: TeamWindow) throws(StoreError) -> String {
        try storeCall { try connection.run(TeamGraphSQL.owners, [window.since, window.until])[0].get("body") }
    }

    /// The window's graph in one read-only snapshot: edges merged per (type, source, target),
    /// every member, and the issues and channels the edges point at.
    public func graph(_ window: TeamWindow) throws(StoreError) -> TeamGraphRows {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                let edges = try connection.run(TeamGraphSQL.graphEdges, [window.since, window.until]).map { row in
                    TeamGraphRows.Edge(type: try row.get("type"), source: try row.get("source"), target: try row.get("target"),
                                       count: try row.get("count"), first: try row.get("first"), last: try row.get("last"))
                }
                let members = try members()
                let issueKeys = Set(edges.filter { $0.targetLabel == "Issue" }.map(\.target)).sorted()
                var issues: [String: (summary: String?, status: String?)] = [:]
                for row in try connection.run(TeamGraphSQL.issueNodes, [issueKeys]) {
                    issues[try row.get("issue_key")] = (try row.get("summary"), try row.get("status"))
                }
                let channelIDs = Set(edges.filter { $0.targetLabel == "Channel" }.map(\.target)).sorted()
                var channels: [String: String] = [:]
                for row in try connection.run(TeamGraphSQL.channelNodes, [channelIDs]) {
                    channels[try row.get("id")] = try row.get("name")
                }
                return TeamGraphRows(edges: edges, members: members, issues: issueKeys.map { ($0, issues[$0]?.summary, issues[$0]?.status) },
                                     channels: channelIDs.map { ($0, channels[$0]) })
            }
        }
    }
}

/// What `GET /api/team/graph` is built from.
public struct TeamGraphRows: Sendable {
    public struct Edge: Sendable {
        public var type: String
        public var source: String
        public var target: String
        public var count: Int
        /// RFC 3339, UTC, whole seconds.
        public var first: String
        public var last: String

        /// ASSIGNED_TO and COMMENTED_ON point at an issue, IN_CHANNEL at a channel, the rest at a person.
        public var targetLabel: String {
            switch type {
            case "ASSIGNED_TO", "COMMENTED_ON": "Issue"
            case "IN_CHANNEL": "Channel"
            default: "User"
            }
        }
    }

    public var edges: [Edge]
    public var members: [TeamMemberRow]
    /// (key, summary, status); nil when the issue is no longer stored.
    public var issues: [(key: String, summary: String?, status: String?)]
    public var channels: [(id: String, name: String?)]
}
