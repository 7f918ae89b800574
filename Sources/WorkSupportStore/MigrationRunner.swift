import Postgres

/// Applies pending migrations in order, each in its own transaction, under an advisory lock so
/// that two concurrent `worksupport migrate` runs are safe (the second waits, then finds nothing
/// to do). Refuses to go on when an applied file was edited.
public struct MigrationRunner {
    /// Arbitrary constant shared by every WorkSupport process that migrates.
    static let advisoryLockKey: Int64 = 0x5753_4D49_4752  // "WSMIGR"

    public struct Report: Sendable {
        public var applied: [MigrationFile] = []
        public var alreadyApplied = 0
    }

    public struct AppliedMigration: Sendable {
        public let version: Int
        public let name: String
        public let checksum: String
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func migrate(_ files: [MigrationFile]) throws(StoreError) -> Report {
        try storeCall {
            try connection.query("SELECT pg_advisory_lock($1)", [Self.advisoryLockKey])
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.advisoryLockKey]) }
            try Self.createBookkeepingTable(connection)
            let applied = try Self.applied(connection)
            try Self.verify(applied: applied, against: files)

            var report = Report()
            let done = Set(applied.map(\.version))
            report.alreadyApplied = files.filter { done.contains($0.version) }.count
            for file in files where !done.contains(file.version) {
                try connection.transaction { conn in
                    do {
                        try conn.execute(file.sql)
                    } catch let error as PostgresError {
                        throw StoreError(code: .badMigrationFile, message: "migration \(file.name) failed: \(error.description)", underlying: error)
                    }
                    try conn.query(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                        [file.version, file.name, file.checksum])
                }
                report.applied.append(file)
            }
            return report
        }
    }

    /// Versions in the files that the database has not applied yet (no lock, read-only).
    public func pending(_ files: [MigrationFile]) throws(StoreError) -> [MigrationFile] {
        try storeCall {
            let exists: Bool = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS e")[0].get("e")
            guard exists else { return files }
            let done = Set(try Self.applied(connection).map(\.version))
            return files.filter { !done.contains($0.version) }
        }
    }

    /// Applied migrations that are not among the files: a newer build migrated this database
    /// (no lock, read-only). `migrate` refuses to run then; `status` says so.
    public func unknownApplied(_ files: [MigrationFile]) throws(StoreError) -> [AppliedMigration] {
        try storeCall {
            let exists: Bool = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS e")[0].get("e")
            guard exists else { return [] }
            let known = Set(files.map(\.version))
            return try Self.applied(connection).filter { !known.contains($0.version) }
        }
    }

    static func createBookkeepingTable(_ connection: PostgresConnection) throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    static func applied(_ connection: PostgresConnection) throws -> [AppliedMigration] {
        try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").map {
            AppliedMigration(version: try $0.get("version"), name: try $0.get("name"), checksum: try $0.get("checksum"))
        }
    }

    static func verify(applied: [AppliedMigration], against files: [MigrationFile]) throws(StoreError) {
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        for migration in applied {
            guard let file = byVersion[migration.version] else {
                throw StoreError(code: .unknownAppliedMigration, message:
                    "the database has migration \(migration.name), which this build does not have; run a newer worksupport")
            }
            guard file.checksum == migration.checksum else {
                throw StoreError(code: .migrationEdited, message:
                    "migration \(file.name) was changed after it was applied (sha256 \(migration.checksum.prefix(12))… recorded, \(file.checksum.prefix(12))… on disk); restore the file and put the change in a new migration")
            }
        }
    }
}
