import Postgres
import TestKit
import Testing
@testable import WorkSupportStore

/// The overview's issue counts by source and status category, found by skipping through the
/// index from pair to pair: every pair, NULL categories included, counted as a grouped count does.
@Suite struct DashboardIssueCountsTests {
    static func counts(_ db: PostgresConnection) throws -> [String] {
        try DashboardQueries(connection: db).overview(sources: ["jira", "github"]).issueCounts
            .map { "\($0.source)/\($0.statusCategory)=\($0.count)" }
    }

    @Test func everySourceAndCategoryIsCountedUncategorizedIncluded() throws {
        let db = try TestDatabase.createMigrated().connect()
        try db.execute("""
            INSERT INTO issues (issue_key, source, status_category, updated_at)
            SELECT 'J-' || g, 'jira', CASE WHEN g % 3 = 0 THEN 'done' WHEN g % 3 = 1 THEN 'new' ELSE NULL END, now()
            FROM generate_series(1, 30) g;
            INSERT INTO issues (issue_key, source, status_category, updated_at)
            SELECT 'o/r#' || g, 'github', CASE WHEN g <= 4 THEN 'done' ELSE NULL END, now()
            FROM generate_series(1, 7) g;
            INSERT INTO issues (issue_key, source, status_category, updated_at) VALUES ('J-100', 'jira', 'indeterminate', now());
            """)
        #expect(try Self.counts(db) == ["github/=3", "github/done=4", "jira/=10", "jira/done=10", "jira/indeterminate=1", "jira/new=10"])
        let grouped = try db.run(StoreStatement(name: "test_grouped_issue_counts", sql: """
            SELECT source || '/' || coalesce(status_category, '') || '=' || count(*) AS line
            FROM issues GROUP BY source, status_category ORDER BY source, coalesce(status_category, '')
            """)).map { try $0.get("line", as: String.self) }
        #expect(try Self.counts(db) == grouped)
    }

    @Test func aSourceWithOnlyUncategorizedIssuesAndAnEmptyTableAreCountedToo() throws {
        let db = try TestDatabase.createMigrated().connect()
        #expect(try Self.counts(db) == [])
        try db.execute("""
            INSERT INTO issues (issue_key, source, status_category, updated_at) VALUES
              ('o/r#1', 'github', NULL, now()), ('o/r#2', 'github', NULL, now()), ('J-1', 'jira', 'new', now());
            """)
        #expect(try Self.counts(db) == ["github/=2", "jira/new=1"])
    }
}
