import Foundation
import Postgres

/// A fresh, empty database on the cluster that `make test` started, one per test, so tests
/// run in parallel without seeing each other's rows. The cluster is thrown away after the run.
public struct TestDatabase: Sendable {
    public let name: String
    /// libpq conninfo for this database.
    public let url: String

    public static func create(function: String = #function) throws -> TestDatabase {
        let admin = try adminURL()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let stem = function.prefix(while: { $0.isLetter || $0.isNumber }).lowercased().prefix(40)
        let name = "t_\(stem)_\(suffix)"
        let connection = try PostgresConnection(url: admin + " dbname=postgres")
        // Identifiers cannot be parameters; `name` is built from letters, digits and '_' only.
        try connection.execute("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        return TestDatabase(name: name, url: "\(admin) dbname=\(name)")
    }

    public func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url)
    }

    /// The harness's conninfo without dbname (`host=… port=… user=postgres`).
    public static func adminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["WORKSUPPORT_TEST_DATABASE_URL"], !url.isEmpty else {
            throw TestEnvironmentError(message:
                "WORKSUPPORT_TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a private PostgreSQL cluster")
        }
        return url.split(separator: " ").filter { !$0.hasPrefix("dbname=") }.joined(separator: " ")
    }
}

public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
