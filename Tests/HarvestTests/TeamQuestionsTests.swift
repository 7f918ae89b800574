import API
import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import Testing
import WorkSupportCore
import WorkSupportStore

/// The collaboration graph end to end: the simulator's reviews, review comments and Jira
/// comments → a harvest → `interactions` → the team questions of the API, every planted answer
/// of the manifest's `collaboration` checked.
@Suite(.serialized) struct TeamQuestionsTests {
    final class Stack {
        let fixture: HarvestFixture
        let app: APIApplication
        let key: String
        let answers: JSONValue

        init(function: String = #function) throws {
            // The API's window ends at the real now: the dataset is laid out around it (an hour back,
            // so that the simulator's own edits are newer).
            let now = (Int64(Date().timeIntervalSince1970) - 3600) * 1000
            fixture = try HarvestFixture(extraProperties: SimCollaboration.personaProperties + ["github.webhook_secret=\(Self.secret)"],
                                         now: now, function: function)
            let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
            let errors: String = try fixture.database.connect().query(
                "SELECT coalesce(string_agg(DISTINCT left(item_key || ': ' || reason, 300), ' | '), '') FROM harvest_errors")[0].get(0)
            #expect(report.status == .completed, "\(errors)")
            key = try APIKeyStore(connection: try fixture.database.connect()).create(name: "team").key
            app = APIApplication(config: fixture.config)
            answers = fixture.manifest["collaboration"] ?? .null
        }

        static let secret = "team-webhook-secret"

        func get(_ path: String, _ query: String = "") -> (status: Int, json: JSONValue) {
            let response = app.handle(APIRequest(method: "GET", path: path, rawQuery: query, headers: ["x-api-key": key]))
            return (response.status, (try? JSONValue.parse(response.body)) ?? .null)
        }

        func count(_ sql: String) throws -> Int {
            try fixture.database.connect().query(sql)[0].get(0)
        }
    }

    @Test func centralReviewerHasTheHighestPageRankAndBetweenness() throws {
        let stack = try Stack()
        let hub = try #require(stack.answers["central_reviewer"]?.stringValue)
        let answer = stack.get("/api/team/reviews")
        #expect(answer.status == 200)
        let people = answer.json["people"]?.arrayValue ?? []
        let byRank = people.max { ($0["pagerank"]?.doubleValue ?? 0) < ($1["pagerank"]?.doubleValue ?? 0) }
        let byBetweenness = people.max { ($0["betweenness"]?.doubleValue ?? 0) < ($1["betweenness"]?.doubleValue ?? 0) }
        #expect(byRank?["id"]?.stringValue == hub)
        #expect(byBetweenness?["id"]?.stringValue == hub)
        #expect((byBetweenness?["betweenness"]?.doubleValue ?? 0) > 0)
        let ranks = people.compactMap { $0["pagerank"]?.doubleValue }
        #expect(abs(ranks.reduce(0, +) - 1) < 1e-6)
        // The hub reviewed every harvested pull request of someone else in the window.
        let hubRow = people.first { $0["id"]?.stringValue == hub }
        #expect((hubRow?["distinct_authors_reviewed"]?.intValue ?? 0) >= 2)
    }

    @Test func selfReviewsAndBotsAreNotReviewsAndPagedReviewsAreAllStored() throws {
        let stack = try Stack()
        let selfReviewed = try #require(stack.answers["self_reviewed_pull_request"]?.stringValue)
        // Everything served but the bot's review is stored (pages of three: every page was read).
        #expect(try stack.count("SELECT count(*)::int FROM pull_request_reviews") == (stack.answers["reviews"]?.intValue ?? 0) - 1)
        #expect(try stack.count("SELECT count(*)::int FROM pull_request_reviews WHERE reviewer LIKE '%[bot]'") == 0)
        // The author's own review is stored but gives no REVIEWED edge.
        #expect(try stack.count("""
            SELECT count(*)::int FROM pull_request_reviews r JOIN issues i ON i.issue_key = r.pr_key
            WHERE r.pr_key = '\(selfReviewed)' AND r.reviewer = i.raw->'user'->>'login'
            """) == 1)
        #expect(try stack.count("SELECT count(*)::int FROM interactions WHERE kind = 'REVIEWED' AND actor = target") == 0)
        #expect(try stack.count("""
            SELECT count(*)::int FROM interactions WHERE kind = 'REVIEWED'
            """) == stack.count("""
            SELECT count(*)::int FROM pull_request_reviews r JOIN issues i ON i.issue_key = r.pr_key
            WHERE lower(r.reviewer) <> lower(i.raw->'user'->>'login')
            """))
        #expect(try stack.count("SELECT count(*)::int FROM interactions WHERE kind = 'COMMENTED_ON' AND source = 'github'")
                == stack.answers["review_comments"]?.intValue)
    }

    @Test func quietAndHalvedMembersAreNamed() throws {
        let stack = try Stack()
        let answer = stack.get("/api/team/quiet")
        #expect(answer.status == 200)
        let quiet = answer.json["quiet"]?.arrayValue ?? []
        let silent = quiet.first { $0["id"] == stack.answers["quiet_member"] }
        #expect(silent?["interactions"] == 0)
        #expect(silent?["previous"] == 3)
        let dropped = answer.json["dropped"]?.arrayValue ?? []
        let fading = dropped.first { $0["id"] == stack.answers["halved_member"] }
        #expect(fading?["interactions"] == 2)
        #expect(fading?["previous"] == 6)
        #expect(!quiet.contains { $0["id"] == stack.answers["halved_member"] })
        #expect(!quiet.contains { $0["id"] == stack.answers["central_reviewer"] })
        #expect(answer.json["quiet_count"]?.intValue == quiet.count)
    }

    @Test func ownerWithoutCurrentTicketIsNamedWithAnEmptyList() throws {
        let stack = try Stack()
        let answer = stack.get("/api/team/owners")
        #expect(answer.status == 200)
        let owners = answer.json["owners"]?.arrayValue ?? []
        #expect(owners.count == 1)
        let owner = owners.first { $0["id"] == stack.answers["idle_owner"] }
        #expect(owner?["tickets"] == .array([]))
        #expect(owner?["ticket_count"] == 0)
        #expect(answer.json["without_tickets_count"] == 1)
    }

    @Test func graphHasUserIssueNodesForEveryEdgeEnd() throws {
        let stack = try Stack()
        let answer = stack.get("/api/team/graph")
        #expect(answer.status == 200)
        let nodes = answer.json["nodes"]?.arrayValue ?? []
        let edges = answer.json["edges"]?.arrayValue ?? []
        let ids = Set(nodes.compactMap { node in node["label"]?.stringValue.flatMap { l in node["id"]?.stringValue.map { "\(l):\($0)" } } })
        #expect(!edges.isEmpty)
        for edge in edges {
            #expect(ids.contains("User:\(edge["source"]?.stringValue ?? "")"))
            #expect(ids.contains("\(edge["target_label"]?.stringValue ?? ""):\(edge["target"]?.stringValue ?? "")"))
        }
        #expect(edges.contains { $0["type"] == "REVIEWED" && $0["source"] == stack.answers["central_reviewer"] })
        #expect(answer.json["node_count"]?.intValue == nodes.count)
    }

    @Test func assignmentAndJiraCommentEdgesAreWrittenOnceAcrossHarvests() throws {
        let stack = try Stack()
        let assigned = try stack.count("SELECT count(*)::int FROM issues WHERE assignee IS NOT NULL")
        #expect(try stack.count("SELECT count(*)::int FROM interactions WHERE kind = 'ASSIGNED_TO'") == assigned)
        #expect(try stack.count("SELECT count(*)::int FROM interactions WHERE kind = 'COMMENTED_ON' AND source = 'jira'") > 0)
        let before = try stack.count("SELECT count(*)::int FROM interactions")
        _ = try stack.fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(try stack.count("SELECT count(*)::int FROM interactions") == before)
    }

    @Test func badSinceIsRefusedWith400NamingTheParameter() throws {
        let stack = try Stack()
        for bad in ["yesterday", "0d", "2099-01-01"] {
            let answer = stack.get("/api/team/quiet", "since=\(bad)")
            #expect(answer.status == 400)
            #expect(answer.json["error"]?["parameter"] == "since" || (answer.json["error"]?["message"]?.stringValue ?? "").contains("since"))
        }
        #expect(stack.get("/api/team/reviews", "since=7d").status == 200)
        #expect(stack.get("/api/team/nothing").status == 404)
    }

    @Test func simulatorReviewWebhookAddsOneReviewedEdgeOfTheCentralReviewer() throws {
        let stack = try Stack()
        let plan = WebhookPlan(dataset: stack.fixture.dataset, count: 1, seed: 3)
        let delivery = try #require(plan.deliveries(githubSecret: Stack.secret, jiraSecret: "unused").last)
        #expect(delivery.event == "pull_request_review")
        let before = try stack.count("SELECT count(*)::int FROM interactions WHERE kind = 'REVIEWED'")
        var headers: [String: String] = [:]
        for (name, value) in delivery.headers { headers[name.lowercased()] = value }
        for _ in 0..<2 {  // the second is a duplicate delivery: stored once
            let response = stack.app.handle(APIRequest(method: "POST", path: "/api/ingest/github", headers: headers, body: delivery.body))
            #expect(response.status == 200)
        }
        #expect(try stack.count("SELECT count(*)::int FROM interactions WHERE kind = 'REVIEWED'") == before + 1)
        let hub = try #require(stack.answers["central_reviewer"]?.stringValue)
        #expect(try stack.count("""
            SELECT count(*)::int FROM interactions
            WHERE kind = 'REVIEWED' AND source_id = '\(SimCollaboration.webhookReviewID)' AND actor = '\(hub)'
              AND issue_key = '\(stack.answers["self_reviewed_pull_request"]?.stringValue ?? "")'
            """) == 1)
    }
}
