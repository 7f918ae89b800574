import API
import Foundation
import JSON
import Postgres
import TestKit
import WorkSupportCore
import WorkSupportStore

/// A clock the tests step by hand, so intervals (reconnect throttling, key-use flushing) are
/// tested without sleeping.
final class ManualClock {
    var now: UInt64 = 1_000_000_000
    func advance(milliseconds: UInt64) { now += milliseconds * 1_000_000 }
}

/// What a test reads from a response: status, headers, parsed JSON body.
struct TestResponse {
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]

    init(_ response: APIResponse) {
        status = response.status
        headers = response.headers
        body = response.body
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }

    var errorCode: String? { json["error"]?["code"]?.stringValue }
    var errorParameter: String? { json["error"]?["parameter"]?.stringValue }
}

/// A migrated, seeded database, an application on it, and an active API key.
final class APIFixture {
    let database: TestDatabase
    let connection: PostgresConnection
    let clock = ManualClock()
    let counters = LocalMetricCounters()
    let app: APIApplication
    let key: String
    let revokedKey: String

    init(startCommand: String? = nil, seed: Bool = true, configLines: [String] = [],
         function: String = #function) throws {
        database = try TestDatabase.create(function: function)
        connection = try database.connect()
        _ = try MigrationRunner(connection: connection)
            .migrate(try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory))
        let keys = APIKeyStore(connection: connection)
        key = try keys.create(name: "tests").key
        revokedKey = try keys.create(name: "old").key
        try keys.revoke("old")
        if seed { try SeedData.insert(into: connection) }
        app = APIApplication(config: try Self.config(url: database.url, startCommand: startCommand,
                                                     lines: configLines),
                             metrics: counters, clock: { [clock] in clock.now })
    }

    static func config(url: String, startCommand: String?, lines: [String] = []) throws -> WorkSupportConfig {
        var text = "database.url=\(url)\n"
        if let startCommand { text += "harvest.start_command=\(startCommand)\n" }
        for line in lines { text += line + "\n" }
        return try WorkSupportConfig.parse(text: text, file: "api-tests.properties", environment: [:])
    }

    /// `target` is a path with an optional `?query`.
    func request(_ method: String, _ target: String, key: String?? = .none, headers: [String: String] = [:],
                 body: String = "") -> TestResponse {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var allHeaders = headers
        switch key {
        case .none: allHeaders["x-api-key"] = self.key
        case .some(.some(let given)): allHeaders["x-api-key"] = given
        case .some(.none): break
        }
        let request = APIRequest(method: method, path: String(parts[0]),
                                 rawQuery: parts.count > 1 ? String(parts[1]) : "",
                                 headers: allHeaders, body: Array(body.utf8))
        return TestResponse(app.handle(request))
    }

    func get(_ target: String, key: String?? = .none, headers: [String: String] = [:]) -> TestResponse {
        request("GET", target, key: key, headers: headers)
    }

    /// The keys of `/api/issues/keys` with this query.
    func keys(_ query: String) -> [String] {
        get("/api/issues/keys?" + query).json["issue_keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The backend pids serving the application (every session on the database but this one).
    func applicationBackends() throws -> [Int] {
        try connection.query("""
            SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """).map { try $0.get("pid") }
    }
}
