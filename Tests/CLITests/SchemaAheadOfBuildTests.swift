import Foundation
import TestKit
import Testing

/// Installing an older build than the one that migrated the database: a clear word, not a crash.
@Suite struct SchemaAheadOfBuildTests {
    func env(_ db: TestDatabase) -> [String: String] {
        ["WORKSUPPORT_DATABASE_URL": db.url, "WORKSUPPORT_MIGRATIONS_DIR": TestDatabase.migrationsDirectory]
    }

    /// A migration recorded in the database that this build's files do not have.
    func markMigratedByANewerBuild(_ db: TestDatabase) throws {
        try db.connect().execute("""
            INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, '9999_from_a_newer_build.sql', 'abc')
            """)
    }

    @Test func statusOnADatabaseANewerBuildMigratedSaysAheadAndExits2() throws {
        let db = try TestDatabase.create()
        let migrated = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        #expect(migrated.exitCode == 0, "\(migrated.stderr)")
        try markMigratedByANewerBuild(db)
        let status = try CommandRunner.run("worksupport", ["status"], environment: env(db))
        #expect(status.exitCode == 2, "\(status.stderr)")
        #expect(status.stderr.isEmpty)
        #expect(status.stdout.contains("database: ok"))
        #expect(status.stdout.contains("schema: ahead of this build (database at version 9999"))
        #expect(status.stdout.contains("a newer worksupport applied 9999_from_a_newer_build.sql"))
        #expect(!status.stdout.contains("schema: current"))
    }

    @Test func migrateOnADatabaseANewerBuildMigratedRefusesInOneLineAndChangesNothing() throws {
        let db = try TestDatabase.create()
        _ = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        try markMigratedByANewerBuild(db)
        let connection = try db.connect()
        // A migration file this build has but the database lost: migrate must not apply it either.
        try connection.execute("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations WHERE version < 9999)")
        let before: Int = try connection.query("SELECT count(*) AS n FROM schema_migrations")[0].get("n")
        let result = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        #expect(result.exitCode == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("the database has migration 9999_from_a_newer_build.sql, which this build does not have"))
        let after: Int = try connection.query("SELECT count(*) AS n FROM schema_migrations")[0].get("n")
        #expect(after == before)
    }
}
