import Foundation
import JSON
import Postgres
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// GitHub `push` deliveries for the delivery metrics: a branch's pushes chained from one
/// production deployment's sha to the next give that deployment's commit range (and so its
/// changes) without a compare call. Payloads are the vendored real `push` (a tag deletion),
/// as sent and edited into branch pushes of the same shape.
@Suite(.serialized) struct DeliveryPushTests {
    static let shaA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e"  // the vendored deployment's sha
    static let shaMiddle = "1111111111111111111111111111111111111111"
    static let mergeSha = "c4295bd74fb0f4fda03689c3df3f2803b658fd85"  // the vendored pull request's merge commit
    static let shaB = "2222222222222222222222222222222222222222"

    /// The vendored push made a push of `before...after` to `branch` with these commits.
    static func push(_ before: String, _ after: String, commits: [String], branch: String = "master",
                     forced: Bool = false) throws -> [UInt8] {
        guard case .object(var object) = try JSONValue.parse(try TestFixtures.githubWebhookBytes("push", "payload")) else {
            throw FixtureError()
        }
        let commitObjects: [JSONValue] = commits.map { sha in
            ["id": .string(sha), "tree_id": .string(String(sha.reversed())), "distinct": true, "message": "Change",
             "timestamp": "2019-05-16T08:00:00Z", "url": .string("https://github.com/Codertocat/Hello-World/commit/\(sha)"),
             "author": ["name": "Codertocat", "email": "21031067+Codertocat@users.noreply.github.com", "username": "Codertocat"],
             "committer": ["name": "GitHub", "email": "noreply@github.com", "username": "web-flow"],
             "added": [], "removed": [], "modified": ["README.md"]]
        }
        object["ref"] = .string("refs/heads/\(branch)")
        object["before"] = .string(before)
        object["after"] = .string(after)
        object["created"] = false
        object["deleted"] = false
        object["forced"] = .bool(forced)
        object["commits"] = .array(commitObjects)
        object["head_commit"] = commitObjects.last ?? .null
        return Array(JSONValue.object(object).serializedString().utf8)
    }

    struct FixtureError: Error {}

    /// The vendored successful `deployment_status`: deployment A as sent, or B a day later at shaB.
    static func deploymentB() throws -> [UInt8] {
        try DeliveryWebhookTests.bytes("deployment_status", "payload", [
            ("\"id\": 145988746", "\"id\": 145988747"), ("\"id\": 209916254", "\"id\": 209916255"),
            (shaA, shaB), ("\"created_at\": \"2019-05-15T15:20:55Z\"", "\"created_at\": \"2019-05-16T10:00:00Z\""),
            ("\"created_at\": \"2019-05-15T15:20:53Z\"", "\"created_at\": \"2019-05-16T09:59:00Z\""),
        ])
    }

    static func mergedPull() throws -> [UInt8] {
        try DeliveryWebhookTests.bytes("pull_request", "closed", [
            ("\"merged\": false", "\"merged\": true"), ("\"merged_at\": null", "\"merged_at\": \"2019-05-16T08:00:00Z\""),
        ])
    }

    func rangeOfB(_ fixture: WebhookFixture) throws -> (state: String, commits: [String], changes: [String]) {
        let state: String = try fixture.connection.query("SELECT changes_state FROM deployments WHERE external_id = '145988747'")[0].get(0)
        let commits: [String] = try fixture.connection.query("""
            SELECT dc.sha FROM deployment_commits dc JOIN deployments d ON d.id = dc.deployment_id
            WHERE d.external_id = '145988747' ORDER BY 1
            """).map { try $0.get(0) }
        let changes: [String] = try fixture.connection.query("""
            SELECT dc.change_key FROM deployment_changes dc JOIN deployments d ON d.id = dc.deployment_id
            WHERE d.external_id = '145988747'
            """).map { try $0.get(0) }
        return (state, commits, changes)
    }

    @Test func theRealTagDeletionPushIsIgnoredWithItsReasonAndKeptRaw() throws {
        let fixture = try WebhookFixture(lines: DeliveryWebhookTests.repos)
        let response = try fixture.github(fixture: "push", "payload", delivery: "tag-push")
        #expect(response.status == 200)
        #expect(response.json["status"] == "ignored")
        let row = try #require(try fixture.delivery("tag-push"))
        #expect(try row.get("status") as String == "ignored")
        #expect(try (row.get("error") as String).contains("refs/tags/simple-tag"))
        #expect(try fixture.count("branch_pushes") == 0)
    }

    @Test func pushesFromOneDeploymentToTheNextGiveItsRangeAndChangesWithoutACompare() throws {
        let fixture = try WebhookFixture(lines: DeliveryWebhookTests.repos)
        _ = fixture.github("deployment_status", body: try DeliveryWebhookTests.bytes("deployment_status", "payload"))
        let first = fixture.github("push", body: try Self.push(Self.shaA, Self.shaMiddle, commits: [Self.shaMiddle]))
        #expect(first.status == 200)
        #expect(first.json["status"] == "applied")
        _ = fixture.github("push", body: try Self.push(Self.shaMiddle, Self.shaB, commits: [Self.mergeSha, Self.shaB]))
        _ = fixture.github("pull_request", body: try Self.mergedPull())
        _ = fixture.github("deployment_status", body: try Self.deploymentB())
        let range = try rangeOfB(fixture)
        #expect(range.state == "known")
        #expect(range.commits == [Self.shaMiddle, Self.shaB, Self.mergeSha].sorted())
        #expect(range.changes == ["Codertocat/Hello-World#2"])
    }

    @Test func aPushArrivingAfterTheDeploymentCompletesItsRange() throws {
        let fixture = try WebhookFixture(lines: DeliveryWebhookTests.repos)
        _ = fixture.github("deployment_status", body: try DeliveryWebhookTests.bytes("deployment_status", "payload"))
        _ = fixture.github("pull_request", body: try Self.mergedPull())
        _ = fixture.github("push", body: try Self.push(Self.shaMiddle, Self.shaB, commits: [Self.mergeSha, Self.shaB]))
        _ = fixture.github("deployment_status", body: try Self.deploymentB())
        #expect(try rangeOfB(fixture).state == "pending")  // a gap: shaA → shaMiddle not pushed yet
        _ = fixture.github("push", body: try Self.push(Self.shaA, Self.shaMiddle, commits: [Self.shaMiddle]))
        #expect(try rangeOfB(fixture).state == "known")
        #expect(try rangeOfB(fixture).changes == ["Codertocat/Hello-World#2"])
    }

    @Test func aForcePushLeavesTheRangeToTheCompare() throws {
        let fixture = try WebhookFixture(lines: DeliveryWebhookTests.repos)
        _ = fixture.github("deployment_status", body: try DeliveryWebhookTests.bytes("deployment_status", "payload"))
        _ = fixture.github("push", body: try Self.push(Self.shaA, Self.shaMiddle, commits: [Self.shaMiddle], forced: true))
        _ = fixture.github("push", body: try Self.push(Self.shaMiddle, Self.shaB, commits: [Self.shaB]))
        _ = fixture.github("deployment_status", body: try Self.deploymentB())
        #expect(try rangeOfB(fixture).state == "pending")
        #expect(try fixture.connection.query("SELECT string_agg(forced::text, ',' ORDER BY received_at) FROM branch_pushes")[0]
                    .get(0) == "true,false")
    }

    @Test func aPushOfARepoOutsideGitHubReposIsIgnoredAndStoresNoRange() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("push", body: try Self.push(Self.shaA, Self.shaB, commits: [Self.shaB]), delivery: "other-repo")
        #expect(response.json["status"] == "ignored")
        #expect(try (fixture.delivery("other-repo")?.get("error") as String?)?.contains("github.repos") == true)
        #expect(try fixture.count("branch_pushes") == 0)
    }
}
