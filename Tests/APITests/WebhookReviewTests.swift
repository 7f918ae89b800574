import API
import Foundation
import JSON
import Postgres
import TestKit
import Testing

/// `pull_request_review` and `pull_request_review_comment` deliveries feed the review graph of
/// harvested pull requests, once each, and give nothing for a self-review, a bot or an unknown PR.
@Suite struct WebhookReviewTests {
    static func fixture(function: String = #function) throws -> WebhookFixture {
        let fixture = try WebhookFixture(function: function)
        // A harvested pull request by `Codertocat` (member octo).
        _ = try fixture.connection.query("""
            INSERT INTO issues (issue_key, source, summary, status, status_category, issue_type_id, updated_at, raw)
            VALUES ('Codertocat/Hello-World#2', 'github', 'Update the README', 'open', 'indeterminate', -3, now(),
                    '{"user": {"login": "Codertocat"}}')
            """)
        return fixture
    }

    static func review(id: Int, login: String, number: Int = 2, type: String = "User", state: String = "approved") -> [UInt8] {
        let payload: JSONValue = [
            "action": "submitted",
            "review": ["id": .int(Int64(id)), "user": ["login": .string(login), "type": .string(type)], "state": .string(state),
                       "submitted_at": "2026-12-01T10:00:00Z", "body": "looks good"],
            "pull_request": ["number": .int(Int64(number)), "user": ["login": "Codertocat"]],
            "repository": ["full_name": "Codertocat/Hello-World"],
        ]
        return Array(payload.serializedString().utf8)
    }

    @Test func reviewDeliveryWritesOneReviewedEdgeAndARetryNone() throws {
        let fixture = try Self.fixture()
        let first = fixture.github("pull_request_review", body: Self.review(id: 77, login: "hubot"), delivery: "r-1")
        #expect(first.status == 200)
        #expect(first.json["status"] == "applied")
        let again = fixture.github("pull_request_review", body: Self.review(id: 77, login: "hubot"), delivery: "r-2")
        #expect(again.json["status"] == "applied")
        let edges = try fixture.connection.query("SELECT actor, target, issue_key, source_id FROM interactions WHERE kind = 'REVIEWED'")
        #expect(edges.count == 1)
        #expect(try edges[0].get("actor") as String == "github:hubot")
        #expect(try edges[0].get("target") as String == "octo")
        #expect(try edges[0].get("issue_key") as String == "Codertocat/Hello-World#2")
        #expect(try edges[0].get("source_id") as String == "77")
    }

    @Test func selfReviewBotAndUnknownPullRequestGiveNoEdge() throws {
        let fixture = try Self.fixture()
        #expect(fixture.github("pull_request_review", body: Self.review(id: 1, login: "Codertocat")).json["status"] == "applied")
        let bot = fixture.github("pull_request_review", body: Self.review(id: 2, login: "ci[bot]", type: "Bot"))
        #expect(bot.json["status"] == "ignored")
        let unknown = fixture.github("pull_request_review", body: Self.review(id: 3, login: "hubot", number: 99), delivery: "r-unknown")
        #expect(unknown.json["status"] == "ignored")
        #expect(try fixture.delivery("r-unknown")?.get("error") as String? == "Codertocat/Hello-World#99 is not a harvested pull request")
        #expect(try fixture.count("pull_request_reviews") == 1)
        #expect(try fixture.count("interactions") == 0)
    }

    @Test func reviewCommentIsACommentOnThePullRequestUntilDeleted() throws {
        let fixture = try Self.fixture()
        func comment(_ action: String) -> [UInt8] {
            let payload: JSONValue = [
                "action": .string(action),
                "comment": ["id": 501, "pull_request_review_id": 77, "user": ["login": "hubot", "type": "User"],
                            "created_at": "2026-12-01T10:05:00Z", "body": "nit"],
                "pull_request": ["number": 2], "repository": ["full_name": "Codertocat/Hello-World"],
            ]
            return Array(payload.serializedString().utf8)
        }
        #expect(fixture.github("pull_request_review_comment", body: comment("created")).json["status"] == "applied")
        #expect(try fixture.count("interactions WHERE kind = 'COMMENTED_ON' AND target = 'Codertocat/Hello-World#2'") == 1)
        #expect(fixture.github("pull_request_review_comment", body: comment("deleted")).json["status"] == "applied")
        #expect(try fixture.count("interactions") == 0)
        #expect(try fixture.count("pull_request_comments") == 0)
    }

    @Test func appliedIssueDeliveryWritesItsAssignmentEdge() throws {
        let fixture = try WebhookFixture()
        #expect(try fixture.github(fixture: "issues", "assigned").json["status"] == "applied")
        let rows = try fixture.connection.query("SELECT actor, target, source FROM interactions WHERE kind = 'ASSIGNED_TO'")
        #expect(rows.count == 1)
        #expect(try rows.first?.get("actor") as String? == "octo")
        #expect(try rows.first?.get("target") as String? == "Codertocat/Hello-World#1")
        #expect(try rows.first?.get("source") as String? == "github")
    }
}
