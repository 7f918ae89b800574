import Postgres

/// What went wrong in the store, in words an operator can act on.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case migrationsNotFound
        case badMigrationFile
        /// An applied migration's file differs from what was applied.
        case migrationEdited
        /// The database has a migration this build does not know (a newer build ran).
        case unknownAppliedMigration
        case invalidKeyName
        case duplicateKeyName
        case keyNotFound
        case database
    }

    public var code: Code
    public var message: String
    public var underlying: PostgresError?

    public init(code: Code, message: String, underlying: PostgresError? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public init(_ error: PostgresError) {
        self.init(code: .database, message: "database: \(error.description)", underlying: error)
    }

    public var description: String { message }
}

/// Runs a closure over the database and turns libpq errors into `StoreError`s.
func storeCall<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw error
    } catch let error as PostgresError {
        throw StoreError(error)
    } catch {
        throw StoreError(code: .database, message: "\(error)")
    }
}
