import Foundation
import Postgres

extension TestDatabase {
    /// The repository's `migrations/` directory.
    public static var migrationsDirectory: String {
        CommandRunner.repositoryRoot.appendingPathComponent("migrations").path
    }
}
