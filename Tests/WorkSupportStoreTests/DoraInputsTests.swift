import Foundation
import Postgres
import TestKit
import Testing
import WorkSupportCore
@testable import WorkSupportStore

/// `DoraQueries.inputs`: the window's changes and incidents read by the ids of its deployments,
/// every cell decoded in place to what the row holds.
@Suite struct DoraInputsTests {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// acme/shop in production: d1 (success, in the window, ships #1 and #2), d2 (failure, in the
    /// window), d3 (success after the window, ships #3), s1 in staging (ships #4); incidents: one
    /// linked to d1, one to d3, one unlinked in the window, one unlinked before it.
    static func seeded() throws -> PostgresConnection {
        let db = try TestDatabase.createMigrated().connect()
        try db.execute("""
            INSERT INTO deployments (id, source, external_id, repo, environment, is_production, sha, ref, status,
                                     created_at, finished_at, changes_state, changes_note, raw) VALUES
              (1, 'ci', 'd1', 'acme/shop', 'production', true, 'sha1', 'main', 'success',
               '2026-03-03T09:00:00Z', '2026-03-03T09:10:00.25Z', 'known', NULL, '{}'),
              (2, 'ci', 'd2', 'acme/shop', 'production', true, NULL, NULL, 'failure',
               '2026-03-05T09:00:00Z', NULL, 'unknown', 'compare refused', '{}'),
              (3, 'ci', 'd3', 'acme/shop', 'production', true, 'sha3', 'hotfix/cart', 'success',
               '2026-04-02T09:00:00Z', '2026-04-02T09:05:00Z', 'base_unknown', NULL, '{}'),
              (4, 'ci', 's1', 'acme/shop', 'staging', false, 'sha4', 'main', 'success',
               '2026-03-04T08:00:00Z', '2026-03-04T08:30:00Z', 'pending', NULL, '{}');
            INSERT INTO changes (change_key, repo, number, author, title, head_ref, labels, first_commit_at, opened_at,
                                 first_review_at, merged_at, merge_sha) VALUES
              ('acme/shop#1', 'acme/shop', 1, 'alice', 'Revert "Cart v2"', 'revert-7', '{bug,"two words"}',
               '2026-03-01T08:00:00Z', '2026-03-01T09:00:00Z', '2026-03-02T10:00:00.5Z', '2026-03-03T08:00:00Z', 'm1'),
              ('acme/shop#2', 'acme/shop', 2, NULL, NULL, NULL, '{}', NULL, NULL, NULL, '2026-03-03T08:30:00Z', NULL),
              ('acme/shop#3', 'acme/shop', 3, 'bob', 'Fix', 'hotfix/cart', '{}', NULL, NULL, NULL, '2026-04-02T08:00:00Z', 'm3'),
              ('acme/shop#4', 'acme/shop', 4, 'carol', 'Staging', 'main', '{}', NULL, NULL, NULL, '2026-03-04T07:00:00Z', 'm4');
            INSERT INTO deployment_changes (deployment_id, change_key) VALUES
              (1, 'acme/shop#1'), (1, 'acme/shop#2'), (3, 'acme/shop#3'), (4, 'acme/shop#4');
            INSERT INTO incidents (id, source, external_id, repo, environment, created_at, resolved_at, deployment_id,
                                   link_method, raw) VALUES
              (11, 'pager', 'i1', 'acme/shop', 'production', '2026-03-03T10:00:00Z', '2026-03-03T12:00:00Z', 1, 'explicit', '{}'),
              (12, 'pager', 'i2', 'acme/shop', NULL, '2026-04-02T10:00:00Z', NULL, 3, 'window', '{}'),
              (13, 'pager', 'i3', 'acme/shop', NULL, '2026-03-20T10:00:00Z', NULL, NULL, NULL, '{}'),
              (14, 'pager', 'i4', 'acme/shop', NULL, '2026-02-20T10:00:00Z', NULL, NULL, NULL, '{}');
            """)
        return db
    }

    static let march = DoraScope(repo: "ACME/shop", environment: nil, from: at("2026-03-01T00:00:00Z"), to: at("2026-04-01T00:00:00Z"))

    @Test func theWindowsChangesAndIncidentsAreThoseOfItsDeployments() throws {
        let inputs = try DoraQueries(connection: try Self.seeded()).inputs(Self.march)
        // From the window's start on, production only: d3 after the window is a recovery candidate.
        #expect(inputs.deployments.map(\.id).sorted() == [1, 2, 3])
        // d3 is after the window and s1 in staging: their changes are not read.
        #expect(inputs.changes.map(\.key).sorted() == ["acme/shop#1", "acme/shop#2"])
        #expect(Set(inputs.changes.map(\.deploymentID)) == [1])
        // Linked to a deployment of the window, or unlinked and created in it.
        #expect(inputs.incidents.map(\.id).sorted() == [11, 13])
    }

    @Test func everyCellIsDecodedToWhatTheRowHolds() throws {
        let inputs = try DoraQueries(connection: try Self.seeded()).inputs(Self.march)
        let d1 = try #require(inputs.deployments.first { $0.id == 1 })
        #expect(d1 == Deployment(id: 1, repo: "acme/shop", environment: "production", isProduction: true, sha: "sha1",
                                 ref: "main", state: .success, createdAt: Self.at("2026-03-03T09:00:00Z"),
                                 finishedAt: Date(timeIntervalSince1970: Self.at("2026-03-03T09:10:00Z").timeIntervalSince1970 + 0.25),
                                 changeRange: .known))
        let d2 = try #require(inputs.deployments.first { $0.id == 2 })
        #expect(d2.sha == nil && d2.ref == nil && d2.finishedAt == nil && d2.state == .failure)
        #expect(d2.changeRange == .unknown(reason: "compare refused"))
        #expect(inputs.deployments.first { $0.id == 3 }?.changeRange == .baseUnknown)

        let first = try #require(inputs.changes.first { $0.key == "acme/shop#1" })
        #expect(first == Change(key: "acme/shop#1", repo: "acme/shop", author: "alice", title: "Revert \"Cart v2\"",
                                headRef: "revert-7", labels: ["bug", "two words"], firstCommitAt: Self.at("2026-03-01T08:00:00Z"),
                                openedAt: Self.at("2026-03-01T09:00:00Z"),
                                firstReviewAt: Date(timeIntervalSince1970: Self.at("2026-03-02T10:00:00Z").timeIntervalSince1970 + 0.5),
                                mergedAt: Self.at("2026-03-03T08:00:00Z"), mergeSha: "m1", deploymentID: 1))
        let second = try #require(inputs.changes.first { $0.key == "acme/shop#2" })
        #expect(second == Change(key: "acme/shop#2", repo: "acme/shop", mergedAt: Self.at("2026-03-03T08:30:00Z"), deploymentID: 1))

        #expect(inputs.incidents.first { $0.id == 11 } == Incident(
            id: 11, repo: "acme/shop", environment: "production", createdAt: Self.at("2026-03-03T10:00:00Z"),
            resolvedAt: Self.at("2026-03-03T12:00:00Z"), deploymentID: 1, linkMethod: .explicit))
        #expect(inputs.incidents.first { $0.id == 13 } == Incident(id: 13, repo: "acme/shop", createdAt: Self.at("2026-03-20T10:00:00Z")))
    }

    /// `.leadTime` reads each change's deployment, key, repo, first commit and merge time and
    /// leaves the rest empty; deployments and incidents are read in full either way.
    @Test func theLeadTimeReadLeavesOutWhatOnlyReworkAndLeadTimePartsUse() throws {
        let db = try Self.seeded()
        let full = try DoraQueries(connection: db).inputs(Self.march)
        let lead = try DoraQueries(connection: db).inputs(Self.march, changes: .leadTime)
        #expect(lead.deployments == full.deployments)
        #expect(lead.incidents == full.incidents)
        let first = try #require(lead.changes.first { $0.key == "acme/shop#1" })
        #expect(first == Change(key: "acme/shop#1", repo: "acme/shop", firstCommitAt: Self.at("2026-03-01T08:00:00Z"),
                                mergedAt: Self.at("2026-03-03T08:00:00Z"), deploymentID: 1))
        #expect(lead.changes.map(\.key).sorted() == full.changes.map(\.key).sorted())
    }

    /// `.fiveMetrics` reads the rework rate's title, branch and labels too, but neither author,
    /// opened and first review times nor merge commit.
    @Test func theFiveMetricsReadLeavesOutAuthorsAndLeadTimeParts() throws {
        let db = try Self.seeded()
        let read = try DoraQueries(connection: db).inputs(Self.march, changes: .fiveMetrics)
        let first = try #require(read.changes.first { $0.key == "acme/shop#1" })
        #expect(first == Change(key: "acme/shop#1", repo: "acme/shop", title: "Revert \"Cart v2\"", headRef: "revert-7",
                                labels: ["bug", "two words"], firstCommitAt: Self.at("2026-03-01T08:00:00Z"),
                                mergedAt: Self.at("2026-03-03T08:00:00Z"), deploymentID: 1))
    }

    @Test func aWindowWithoutDeploymentsStillListsItsUnlinkedIncidents() throws {
        let db = try Self.seeded()
        let february = DoraScope(repo: nil, environment: nil, from: Self.at("2026-02-01T00:00:00Z"), to: Self.at("2026-02-28T00:00:00Z"))
        let inputs = try DoraQueries(connection: db).inputs(february)
        #expect(inputs.changes.isEmpty)
        #expect(inputs.incidents.map(\.id) == [14])
    }

    /// The changes are looked up by key as bytes (migration 0030), not through the primary key's
    /// locale compare, in the generic plan a prepared statement settles on.
    @Test func changesAreLookedUpByTheirKeyAsBytes() throws {
        let db = try Self.seeded()
        try db.execute("SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off; ANALYZE")
        try db.execute("PREPARE dora_changes_plan(bigint[]) AS " + DoraQueries.changes.sql)
        let plan = try db.query("EXPLAIN EXECUTE dora_changes_plan('{1,2}')")
            .map { try $0.get("QUERY PLAN", as: String.self) }.joined(separator: "\n")
        #expect(plan.contains("changes_key_bytes"), "\(plan)")
        #expect(!plan.contains("using changes_pkey"), "\(plan)")
    }
}
