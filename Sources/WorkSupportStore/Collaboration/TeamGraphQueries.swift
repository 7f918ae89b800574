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

    public func graphJSON(_ window: TeamWindow) throws(StoreError) -> String {
        try storeCall { try connection.run(TeamGraphSQL.graph, [window.since, window.until])[0].get("body") }
    }
}
