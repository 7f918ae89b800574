import Postgres
import TestKit
import Testing
import WorkSupportStore

@Suite struct StoreStatusTests {
    @Test func emptyDatabaseReportsEveryMigrationPending() throws {
        let db = try TestDatabase.create().connect()
        let files = try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory)
        let status = try StoreStatus.read(db, migrations: files)
        #expect(status.appliedVersion == nil)
        #expect(status.pending.count == files.count)
        #expect(!status.schemaIsCurrent)
        #expect(status.lastRun == nil)
    }

    @Test func migratedDatabaseIsCurrentAndShowsTheLastRun() throws {
        let db = try TestDatabase.create().connect()
        let files = try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory)
        _ = try MigrationRunner(connection: db).migrate(files)
        try db.query("INSERT INTO harvest_runs (kind, status, finished_at) VALUES ('scheduled', 'completed', now())")
        let status = try StoreStatus.read(db, migrations: files)
        #expect(status.schemaIsCurrent)
        #expect(status.appliedVersion == files.last?.version)
        #expect(status.lastRun?.status == "completed")
        #expect(status.issueCount == 0)
        #expect(status.serverVersion.hasPrefix("1"))
    }
}
