import Foundation
import Postgres
import WorkSupportStore

extension TestDatabase {
    /// The repository's `migrations/` directory.
    public static var migrationsDirectory: String {
        CommandRunner.repositoryRoot.appendingPathComponent("migrations").path
    }
}

extension TestDatabase {
    /// A fresh database with every migration applied.
    public static func createMigrated(function: String = #function) throws -> TestDatabase {
        let database = try create(function: function)
        let files = try MigrationCatalog.load(directory: migrationsDirectory)
        _ = try MigrationRunner(connection: try database.connect()).migrate(files)
        return database
    }
}
