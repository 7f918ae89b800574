import API
import Foundation
import JSON
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// Jira `jira:issue_updated` deliveries with `changelog.items` write `issue_transitions` rows
/// between harvests, once per (issue, changelog id, field), whichever way they arrive.
@Suite struct WebhookTransitionsTests {
    static let statusItem: JSONValue = ["field": "status", "fieldtype": "jira", "fieldId": "status",
                                        "from": "3", "fromString": "In Progress", "to": "10001", "toString": "Done"]
    static let assigneeItem: JSONValue = ["field": "assignee", "fieldtype": "jira", "fieldId": "assignee",
                                          "from": .null, "fromString": .null, "to": "557058:jdoe", "toString": "John Doe"]
    static let labelsItem: JSONValue = ["field": "labels", "fieldtype": "jira", "fieldId": "labels",
                                        "from": .null, "fromString": "", "to": .null, "toString": "checkout"]

    /// `WebhookFixture.jiraBody()` with a changelog (timestamp 2026-03-02T10:00:00Z).
    static func body(changelog: JSONValue) throws -> [UInt8] {
        guard case .object(var object) = try JSONValue.parse(WebhookFixture.jiraBody()) else { return [] }
        object["changelog"] = changelog
        return JSONValue.object(object).serialized()
    }

    static func fixture() throws -> WebhookFixture {
        let fixture = try WebhookFixture()
        try fixture.connection.execute("""
            INSERT INTO jira_statuses (id, name, category) VALUES ('3', 'In Progress', 'indeterminate'), ('10001', 'Done', 'done')
            """)
        return fixture
    }

    static func rows(_ fixture: WebhookFixture) throws -> [String] {
        try fixture.connection.query("""
            SELECT concat_ws('|', issue_key, changelog_id, field, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                             coalesce(from_id, ''), to_id, coalesce(from_category, ''), coalesce(to_category, ''),
                             history_order, origin, coalesce(run_id::text, '-')) AS row
            FROM issue_transitions ORDER BY history_order, field DESC
            """).map { try $0.get("row") }
    }

    @Test func statusAndAssigneeItemsBecomeRowsOnceWhicheverWayTheyArrive() throws {
        let fixture = try Self.fixture()
        let body = try Self.body(changelog: ["id": "10500", "items": [Self.statusItem, Self.assigneeItem, Self.labelsItem]])
        #expect(fixture.jira(body: body, identifier: "t-1").json["status"] == "applied")
        let expected = ["DEMO-7|10500|status|2026-03-02T10:00:00Z|3|10001|indeterminate|done|10500|webhook|-",
                        "DEMO-7|10500|assignee|2026-03-02T10:00:00Z||557058:jdoe|||10500|webhook|-"]
        let stored = try Self.rows(fixture)
        #expect(stored == expected, "labels are not flow")
        #expect(fixture.jira(body: body, identifier: "t-2").json["status"] == "applied", "Jira redelivers under a new id")
        #expect(try Self.rows(fixture) == expected)

        // The harvest fetching the same entry later stores nothing new.
        let harvested = try JiraChangelogNormalizer(categories: ["3": .indeterminate, "10001": .done])
            .records(issueKey: "DEMO-7", entry: ["id": "10500", "created": "2026-03-02T10:00:00.000+0000",
                                                 "items": [Self.statusItem, Self.assigneeItem]])
        #expect(try TransitionWriter(connection: fixture.connection).record(harvested, histories: [], runID: nil, origin: .harvest) == 0)

        // A replay of the stored deliveries puts back what was lost.
        try fixture.connection.execute("DELETE FROM issue_transitions")
        let summary = try WebhookReplay(connection: fixture.connection, interpreter: WebhookInterpreter(config: fixture.config))
            .replay(since: nil, deliveryID: nil)
        #expect(summary.statuses == ["applied": 2])
        #expect(try Self.rows(fixture) == expected)
        // The history before the first delivery is not known until a harvest fetches it.
        let problems: [String] = try fixture.connection.query("SELECT problems FROM issue_flow WHERE issue_key = 'DEMO-7'")[0].get("problems")
        #expect(problems == ["history_missing"])
    }

    /// The done issues and the untrusted ones of the flow summary for `filter`.
    static func flow(_ fixture: WebhookFixture, _ filter: FlowFilter) throws -> (done: Int?, untrusted: [String]) {
        let summary = try JSONValue.parse(try FlowQueries(connection: fixture.connection).summaryJSON(filter))
        return (summary["done"]?.intValue, (summary["untrusted"]?.arrayValue ?? []).compactMap { $0["issue_key"]?.stringValue })
    }

    @Test func anAssigneeChangeMovesTheIssueBetweenFilteredSummaries() throws {
        let fixture = try Self.fixture()
        var jdoe = FlowFilter(), other = FlowFilter(), team = FlowFilter()
        jdoe.assignees = ["jdoe"]
        other.assignees = ["557058:other"]
        team.teamOnly = true
        // Done while assigned to jdoe (a member); its history before the delivery is missing, so it is also untrusted.
        #expect(fixture.jira(body: try Self.body(changelog: ["id": "10500", "items": [Self.statusItem]])).json["status"] == "applied")
        #expect(try Self.flow(fixture, jdoe) == (1, ["DEMO-7"]))
        #expect(try Self.flow(fixture, team) == (1, ["DEMO-7"]))
        #expect(try Self.flow(fixture, other) == (0, []))

        guard case .object(var reassigned) = try JSONValue.parse(
            WebhookFixture.jiraBody(updated: "2026-03-02T11:00:00.000+0000", assignee: "557058:other")) else { return }
        var item = Self.assigneeItem.objectValue ?? [:]
        item["from"] = .string(WebhookFixture.jiraAccount)
        item["to"] = "557058:other"
        reassigned["changelog"] = ["id": "10501", "items": [.object(item)]]
        #expect(fixture.jira(body: JSONValue.object(reassigned).serialized()).json["status"] == "applied")
        #expect(try Self.flow(fixture, jdoe) == (0, []))
        #expect(try Self.flow(fixture, team) == (0, []))
        #expect(try Self.flow(fixture, other) == (1, ["DEMO-7"]))
        #expect(try FlowTables.differencesFromTheViews(on: fixture.connection) == [])
    }

    @Test func aStatusTheSiteDoesNotListIsUnknown() throws {
        let fixture = try Self.fixture()
        var item = Self.statusItem.objectValue ?? [:]
        item["to"] = "99"
        let body = try Self.body(changelog: ["id": "10501", "items": [.object(item)]])
        #expect(fixture.jira(body: body).json["status"] == "applied")
        let categories: [String] = try fixture.connection.query("SELECT to_category FROM issue_transitions").map { try $0.get("to_category") }
        #expect(categories == ["unknown"])
    }

    @Test func anUnreadableChangelogLeavesTheIssueAppliedAndItsHistoryIncomplete() throws {
        let fixture = try Self.fixture()
        let body = try Self.body(changelog: ["id": "not-a-number", "items": [Self.statusItem]])
        let response = fixture.jira(body: body, identifier: "bad-1")
        #expect(response.status == 200 && response.json["status"] == "applied")
        #expect(try fixture.issue("DEMO-7") != nil)
        #expect(try fixture.count("issue_transitions") == 0)
        let history = try fixture.connection.query("SELECT complete, reason FROM issue_histories WHERE issue_key = 'DEMO-7'")
        #expect(history.count == 1)
        #expect(try history[0].get("complete") as Bool == false)
        let reason: String = try history[0].get("reason")
        #expect(reason.hasPrefix("webhook delivery ") && reason.contains("id is missing or not a number"), "\(reason)")
    }

    @Test func withoutChangelogItemsNothingIsWritten() throws {
        let fixture = try Self.fixture()
        #expect(fixture.jira(body: try Self.body(changelog: ["id": "10502", "items": []])).json["status"] == "applied")
        #expect(fixture.jira(body: WebhookFixture.jiraBody(event: "jira:issue_created", key: "DEMO-8")).json["status"] == "applied")
        #expect(try fixture.count("issue_transitions") == 0)
        #expect(try fixture.count("issue_histories") == 0)
    }

    /// The webhook's writes refresh the flow tables in the delivery's transaction: a new issue is
    /// listed as history_missing, an unreadable changelog as history_incomplete, a deleted issue
    /// loses its figures; each time the tables equal the views' from-scratch computation.
    @Test func deliveriesKeepTheFlowTablesEqualToTheViews() throws {
        let fixture = try Self.fixture()
        func problems(_ key: String) throws -> [String]? {
            try fixture.connection.query("SELECT problems FROM issue_flow_figures WHERE issue_key = $1", [key]).first?.get("problems")
        }
        #expect(fixture.jira(body: WebhookFixture.jiraBody(event: "jira:issue_created", key: "DEMO-8")).json["status"] == "applied")
        #expect(try problems("DEMO-8") == ["history_missing"])
        let body = try Self.body(changelog: ["id": "10500", "items": [Self.statusItem, Self.assigneeItem]])
        #expect(fixture.jira(body: body, identifier: "t-1").json["status"] == "applied")
        #expect(try problems("DEMO-7") == ["history_missing"])
        #expect(try FlowTables.differencesFromTheViews(on: fixture.connection) == [])

        let unreadable = try Self.body(changelog: ["id": "not-a-number", "items": [Self.statusItem]])
        #expect(fixture.jira(body: unreadable, identifier: "bad-1").json["status"] == "applied")
        #expect(try problems("DEMO-7") == ["history_incomplete"])
        #expect(try FlowTables.differencesFromTheViews(on: fixture.connection) == [])

        let deleted = fixture.jira(body: WebhookFixture.jiraBody(event: "jira:issue_deleted", key: "DEMO-8"), identifier: "del-1")
        #expect(deleted.status == 200)
        #expect(try problems("DEMO-8") == nil)
        #expect(try FlowTables.differencesFromTheViews(on: fixture.connection) == [])
    }
}
