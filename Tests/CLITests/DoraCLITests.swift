import Foundation
import TestKit
import Testing

/// `worksupport dora`: the five metrics in a terminal, from the same tables as the API.
@Suite struct DoraCLITests {
    func env(_ db: TestDatabase) -> [String: String] {
        ["WORKSUPPORT_DATABASE_URL": db.url, "WORKSUPPORT_MIGRATIONS_DIR": TestDatabase.migrationsDirectory]
    }

    @Test func doraPrintsEachMetricWithItsCountsAndSaysWhyOneIsUnavailable() throws {
        let db = try TestDatabase.createMigrated()
        // Two successes a day apart and one failure between them, 3 h before the second success.
        try db.connect().execute("""
            INSERT INTO deployments (source, external_id, repo, environment, is_production, status, created_at, finished_at, raw)
            VALUES ('ci', '1', 'acme/shop', 'production', true, 'success', '2026-03-02T09:55:00Z', '2026-03-02T10:00:00Z', '{}'),
                   ('ci', '2', 'acme/shop', 'production', true, 'failure', '2026-03-03T10:00:00Z', NULL, '{}'),
                   ('ci', '3', 'acme/shop', 'production', true, 'success', '2026-03-03T12:55:00Z', '2026-03-03T13:00:00Z', '{}')
            """)
        let result = try CommandRunner.run("worksupport", ["dora", "--repo", "acme/shop", "--from", "2026-03-01",
                                                           "--to", "2026-03-15"], environment: env(db))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("deployment frequency (per week)   1.00  (2 / 2)"))
        #expect(result.stdout.contains("change fail rate                  33.3 %  (1 / 3)"))
        #expect(result.stdout.contains("failed deployment recovery time   median 3.0 h, p85 3.0 h  (1 of 1)"))
        #expect(result.stdout.contains("change lead time                  n/a: no change reached a successful deployment in the window"))
        #expect(result.stdout.contains("deployments without known changes: pending=2"))
    }

    @Test func windowInTheWrongOrderIsRefused() throws {
        let db = try TestDatabase.createMigrated()
        let result = try CommandRunner.run("worksupport", ["dora", "--from", "2026-03-15", "--to", "2026-03-01"],
                                           environment: env(db))
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("--from must be before --to"))
    }
}
