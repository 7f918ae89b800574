import Foundation
import Postgres
import TestKit
import Testing
@testable import WorkSupportStore

@Suite struct MigrationRunnerTests {
    let files: [MigrationFile]

    init() throws {
        files = try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory)
    }

    @Test func shippedMigrationsAreNumberedInOrder() {
        #expect(files.count >= 4)
        #expect(files.map(\.version) == files.map(\.version).sorted())
        #expect(files.first?.name == "0001_reference_tables.sql")
    }

    @Test func migrateAppliesEveryFileAndASecondRunChangesNothing() throws {
        let db = try TestDatabase.create().connect()
        let first = try MigrationRunner(connection: db).migrate(files)
        #expect(first.applied.count == files.count)
        #expect(first.alreadyApplied == 0)

        let tables: [String] = try db.query("""
            SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
            """).map { try $0.get("tablename") }
        for table in ["anomalies", "api_keys", "harvest_errors", "harvest_runs", "issue_types", "issues",
                      "issues_staging", "reload_requests", "schema_migrations", "team_members", "webhook_deliveries"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let recorded = try db.query("SELECT version, checksum FROM schema_migrations ORDER BY version")
        #expect(try recorded.map { try $0.get("checksum", as: String.self) } == files.map(\.checksum))

        let second = try MigrationRunner(connection: db).migrate(files)
        #expect(second.applied.isEmpty)
        #expect(second.alreadyApplied == files.count)
    }

    /// Tables with their columns, indexes, triggers, functions and views of the public schema.
    static func schema(_ db: PostgresConnection) throws -> [String] {
        try db.query("""
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type AS item
                FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'trigger ' || tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
            ORDER BY 1
            """).map { try $0.get("item") }
    }

    /// Migration 0018 takes away all that 0015–0017 added but the index of open anomalies by
    /// issue, whether the database used them (documents stored, triggers fired) or is new.
    @Test func oneWayThroughLeavesTheSameSchemaOnAnUsedAndAFreshDatabase() throws {
        // Up to 0018 only: later migrations add their own objects.
        let throughOneWay = files.filter { $0.version <= 18 }
        let fresh = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: fresh).migrate(throughOneWay)

        let used = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: used).migrate(files.filter { $0.version <= 17 })
        try used.execute("""
            INSERT INTO issues (issue_key, source, summary, status, issue_type_id, created_at, updated_at, harvested_at, raw)
            VALUES ('A-1', 'jira', 'One', 'Open', -1, now(), now(), now(), '{}');
            INSERT INTO anomalies (kind, issue_key, details) VALUES ('orphan_parent', 'A-1', '{}');
            """)
        #expect(try used.query("SELECT count(*) AS n FROM issue_documents")[0].get("n", as: Int.self) == 1)
        _ = try MigrationRunner(connection: used).migrate(throughOneWay)

        let before = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: before).migrate(files.filter { $0.version <= 14 })
        try before.execute("CREATE INDEX anomalies_open_issue_key ON anomalies (issue_key) WHERE resolved_at IS NULL")

        let expected = try Self.schema(before).filter { !$0.contains("schema_migrations") }
        #expect(try Self.schema(fresh).filter { !$0.contains("schema_migrations") } == expected)
        #expect(try Self.schema(used).filter { !$0.contains("schema_migrations") } == expected)
        // One way through (DESIGN.md): no migration, later ones included, adds a trigger.
        let current = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: current).migrate(files)
        #expect(try Self.schema(current).filter { $0.hasPrefix("trigger ") } == [])
    }

    @Test func unknownTypeIsSeededWithTheDefaultHierarchy() throws {
        let db = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: db).migrate(files)
        let unknown = try #require(db.query("SELECT name FROM issue_types WHERE id = -1").first)
        #expect(try unknown.get("name") == "Error-Type Not Known")
        let children: [Int] = try db.query(
            "SELECT child_type_id FROM issue_type_children WHERE parent_type_id = 10004 ORDER BY 1").map { try $0.get(0) }
        #expect(children == [10000, 11140])
    }

    @Test func everyIssueFilterColumnHasAnIndex() throws {
        let db = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: db).migrate(files)
        let indexed: Set<String> = Set(try db.query("""
            SELECT a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE c.relname = 'issues'
            """).map { try $0.get("attname") })
        for column in ["issue_key", "source", "assignee", "assignee_member_id", "labels", "issue_type_id",
                       "parent_key", "status", "updated_at"] {
            #expect(indexed.contains(column), "no index leads with issues.\(column)")
        }
    }

    @Test func concurrentRunsApplyEachFileExactlyOnce() throws {
        let database = try TestDatabase.create()
        let files = self.files
        let results = LockedResults()
        // Three migrators at once, on three connections; concurrentPerform returns when all are done.
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            do {
                let report = try MigrationRunner(connection: try database.connect()).migrate(files)
                results.append(.success(report.applied.count))
            } catch {
                results.append(.failure(error))
            }
        }
        let outcomes = results.values
        #expect(outcomes.count == 3)
        let appliedCounts = outcomes.compactMap { try? $0.get() }
        #expect(appliedCounts.count == 3, "every concurrent run succeeds")
        #expect(appliedCounts.reduce(0, +) == files.count, "each file is applied by exactly one run")
        let count: Int = try database.connect().query("SELECT count(*) AS n FROM schema_migrations")[0].get("n")
        #expect(count == files.count)
    }

    @Test func editedAppliedMigrationIsRefused() throws {
        let db = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: db).migrate(files)
        var edited = files
        edited[1] = MigrationFile(version: files[1].version, name: files[1].name, sql: files[1].sql + "\n-- tweak\n")
        edited.append(MigrationFile(version: 9999, name: "9999_more.sql", sql: "CREATE TABLE more (x int)"))
        do {
            _ = try MigrationRunner(connection: db).migrate(edited)
            Issue.record("expected the edit to be refused")
        } catch {
            #expect(error.code == .migrationEdited)
            #expect(error.description.contains(files[1].name))
        }
        let more: Bool = try db.query("SELECT to_regclass('more') IS NOT NULL AS e")[0].get("e")
        #expect(more == false, "nothing is applied after a refused check")
    }

    @Test func databaseAheadOfTheBuildIsRefused() throws {
        let db = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: db).migrate(files)
        do {
            _ = try MigrationRunner(connection: db).migrate(Array(files.dropLast()))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .unknownAppliedMigration)
        }
    }

    @Test func failingMigrationRollsBackOnlyItself() throws {
        let db = try TestDatabase.create().connect()
        let broken = files + [MigrationFile(version: 9000, name: "9000_broken.sql",
                                            sql: "CREATE TABLE half (x int); SELECT no_such_function();")]
        do {
            _ = try MigrationRunner(connection: db).migrate(broken)
            Issue.record("expected the broken migration to fail")
        } catch {
            #expect(error.code == .badMigrationFile)
            #expect(error.description.contains("9000_broken.sql"))
        }
        let applied: Int = try db.query("SELECT count(*) AS n FROM schema_migrations")[0].get("n")
        #expect(applied == files.count)
        let half: Bool = try db.query("SELECT to_regclass('half') IS NOT NULL AS e")[0].get("e")
        #expect(half == false)
    }

    @Test func catalogRejectsAFileThatIsNotAMigration() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "SELECT 1".write(to: dir.appendingPathComponent("0001_ok.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1".write(to: dir.appendingPathComponent("two.sql"), atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try MigrationCatalog.load(directory: dir.path) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("two.sql"))
        try "SELECT 2".write(to: dir.appendingPathComponent("0001_twin.sql"), atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try MigrationCatalog.load(directory: dir.path) }
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Int, any Error>] = []
    func append(_ result: Result<Int, any Error>) { lock.lock(); results.append(result); lock.unlock() }
    var values: [Result<Int, any Error>] { lock.lock(); defer { lock.unlock() }; return results }
}

extension MigrationRunnerTests {
    /// The delivery metrics' filters (repo, time, links) each lead an index (migration 0021).
    @Test func everyDeliveryFilterHasAnIndex() throws {
        let db = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: db).migrate(files)
        let leading: Set<String> = Set(try db.query("""
            SELECT c.relname || '.' || a.attname AS lead FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE c.relname IN ('deployments', 'deployment_commits', 'deployment_changes', 'changes', 'incidents')
            """).map { try $0.get("lead") })
        for column in ["deployments.repo", "deployments.sha", "deployment_commits.sha", "deployment_commits.deployment_id",
                       "deployment_changes.change_key", "changes.merge_sha", "changes.repo", "incidents.repo",
                       "incidents.deployment_id"] {
            #expect(leading.contains(column), "no index leads with \(column)")
        }
    }
}
