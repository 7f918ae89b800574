import Foundation
import JSON
import Postgres
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// GitHub `deployment`, `deployment_status` and merged `pull_request` deliveries applied to the
/// delivery tables for the repositories in `github.repos`.
@Suite(.serialized) struct DeliveryWebhookTests {
    static let repos = ["github.repos=Codertocat/Hello-World"]

    static func bytes(_ event: String, _ action: String, _ edits: [(String, String)] = []) throws -> [UInt8] {
        var text = String(decoding: try TestFixtures.githubWebhookBytes(event, action), as: UTF8.self)
        for (from, to) in edits {
            precondition(text.contains(from), "fixture lacks \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        return Array(text.utf8)
    }

    static func deployment(_ fixture: WebhookFixture) throws -> PostgresRow? {
        try fixture.connection.query("SELECT external_id, repo, status, finished_at, is_production FROM deployments").first
    }

    @Test func successStatusWritesTheDeploymentWithItsFinishTime() throws {
        let fixture = try WebhookFixture(lines: Self.repos)
        let response = fixture.github("deployment_status", body: try Self.bytes("deployment_status", "payload"))
        #expect(response.status == 200)
        #expect(response.json["status"] == "applied")
        let row = try #require(try Self.deployment(fixture))
        #expect(try row.get("external_id") == "145988746")
        #expect(try row.get("repo") == "codertocat/hello-world")
        #expect(try row.get("status") == "success")
        #expect(try row.get("is_production") == true)
        #expect(try row.get("finished_at", as: Date.self) == WebhookFixture.time("2019-05-15T15:20:55Z"))
    }

    @Test func statusForAnUnknownDeploymentIsKeptAndFoldedInWhenTheDeploymentArrives() throws {
        let fixture = try WebhookFixture(lines: Self.repos)
        // A status whose payload lacks the deployment object: only its deployment_url names it.
        var payload = try JSONValue.parse(try Self.bytes("deployment_status", "payload"))
        if case .object(var object) = payload { object["deployment"] = nil; payload = .object(object) }
        let status = fixture.github("deployment_status", body: Array(payload.serializedString().utf8))
        #expect(status.json["status"] == "applied")
        #expect(try Self.deployment(fixture) == nil)
        #expect(try fixture.count("deployment_statuses") == 1)
        _ = fixture.github("deployment", body: try Self.bytes("deployment", "payload"))
        #expect(try Self.deployment(fixture)?.get("status") as String? == "success")
    }

    @Test func failureThenSuccessIsASuccessAndALaterInactiveKeepsIt() throws {
        let fixture = try WebhookFixture(lines: Self.repos)
        let statuses: [(String, String, String)] = [("1", "failure", "2019-05-15T15:21:00Z"),
                                                     ("2", "success", "2019-05-15T15:30:00Z"),
                                                     ("3", "inactive", "2019-05-16T10:00:00Z")]
        for (id, state, time) in statuses {
            _ = fixture.github("deployment_status", body: try Self.bytes("deployment_status", "payload", [
                ("\"id\": 209916254", "\"id\": \(id)"), ("\"state\": \"success\"", "\"state\": \"\(state)\""),
                ("\"created_at\": \"2019-05-15T15:20:55Z\"", "\"created_at\": \"\(time)\""),
            ]))
        }
        let row = try #require(try Self.deployment(fixture))
        #expect(try row.get("status") == "success")
        #expect(try row.get("finished_at", as: Date.self) == WebhookFixture.time("2019-05-15T15:30:00Z"))
    }

    @Test func repoNotInGitHubReposIsIgnoredAndCounted() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("deployment", body: try Self.bytes("deployment", "payload"))
        #expect(response.status == 200)
        #expect(response.json["status"] == "ignored")
        #expect(try fixture.count("deployments") == 0)
        #expect(fixture.webhookCounter("github", "ignored") == 1)
    }

    @Test func squashMergedPullRequestShipsWithTheDeploymentWhoseRangeHoldsItsMergeCommit() throws {
        let fixture = try WebhookFixture(lines: Self.repos)
        _ = fixture.github("deployment_status", body: try Self.bytes("deployment_status", "payload"))
        let merged = fixture.github("pull_request", body: try Self.bytes("pull_request", "closed", [
            ("\"merged\": false", "\"merged\": true"), ("\"merged_at\": null", "\"merged_at\": \"2019-05-15T15:10:00Z\""),
        ]))
        #expect(merged.status == 200)
        let change = try #require(try fixture.connection.query("SELECT change_key, merge_sha FROM changes").first)
        #expect(try change.get("change_key") == "Codertocat/Hello-World#2")
        // The harvest's compare supplies the range; the squash commit is the PR's merge_commit_sha.
        let deploymentID: Int64 = try fixture.connection.query("SELECT id FROM deployments")[0].get(0)
        try fixture.connection.transaction { connection in
            try GitHubDeliveryWriter(connection: connection, config: fixture.config.delivery)
                .setRange(deploymentID: deploymentID, .known, commits: ["c4295bd74fb0f4fda03689c3df3f2803b658fd85"])
        }
        #expect(try fixture.connection.query("SELECT deployment_id FROM deployment_changes")[0].get(0) == deploymentID)
    }

    @Test func closedUnmergedPullRequestIsNoChange() throws {
        let fixture = try WebhookFixture(lines: Self.repos)
        _ = fixture.github("pull_request", body: try Self.bytes("pull_request", "closed"))
        #expect(try fixture.count("changes") == 0)
    }

    @Test func replayKeepsDeploymentDeliveriesAppliedAndRebuildsTheirRows() throws {
        let fixture = try WebhookFixture(lines: Self.repos)
        _ = fixture.github("deployment_status", body: try Self.bytes("deployment_status", "payload"))
        try fixture.connection.execute("DELETE FROM deployments; DELETE FROM deployment_statuses")
        let summary = try WebhookReplay(connection: fixture.connection, interpreter: WebhookInterpreter(config: fixture.config),
                                        delivery: fixture.config.delivery).replay(since: nil, deliveryID: nil)
        #expect(summary.statuses == ["applied": 1])
        #expect(try Self.deployment(fixture)?.get("status") as String? == "success")
    }
}
