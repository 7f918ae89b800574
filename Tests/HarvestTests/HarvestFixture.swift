import Foundation
import Harvest
import HTTPClient
import JSON
import Logging
import Postgres
import Simulator
import TestKit
import WorkSupportCore
import WorkSupportStore

/// A simulated Jira Cloud + GitHub (worksupport-sim, in process, on a free port), its answer
/// manifest, a migrated database, and the config that joins them.
final class HarvestFixture {
    let dataset: SimDataset
    let server: SimulatorServer
    let database: TestDatabase
    let config: WorkSupportConfig
    let properties: String
    let manifest: JSONValue
    /// Retry waits the harvester asked for (tests do not sleep them).
    let waits = WaitLog()

    static let environment = ["JIRA_API_TOKEN": SimCredentials.defaultJiraToken,
                              "GITHUB_TOKEN": SimCredentials.defaultGitHubToken]

    /// `delivery`: the repositories served under `/repos/` (nil: the hand-built delivery scenario).
    init(issues: Int = 300, members: Int = 4, seed: UInt64 = 7, faults: FaultPlan = .none,
         delivery: SimDeliveryScenario? = nil, extraProperties: [String] = [],
         now: Int64 = DatasetGenerator.defaultNow, function: String = #function) throws {
        dataset = DatasetGenerator.generate(.init(issues: issues, members: members, seed: seed, now: now, heavyMemberItems: 30))
        server = try SimulatorServer(dataset: dataset, options: .init(faultPlan: faults, deliveryScenario: delivery))
        try server.start()
        manifest = try AnswerManifest(dataset: dataset, baseURL: server.baseURL, delivery: delivery).json
        database = try TestDatabase.createMigrated(function: function)
        properties = PropertiesWriter.properties(for: dataset, baseURL: server.baseURL)
            + extraProperties.map { $0 + "\n" }.joined()
        var environment = Self.environment
        environment["WORKSUPPORT_DATABASE_URL"] = database.url
        config = try WorkSupportConfig.parse(text: properties, file: "sim.properties", environment: environment)
    }

    deinit { server.stop() }

    func harvest(_ options: HarvestOptions = HarvestOptions(kind: .manual),
                 progress: HarvestProgress = HarvestProgress(mode: .never, output: { _ in }, logger: HarvestFixture.quiet)) throws -> HarvestReport {
        let waits = self.waits
        return try HarvestRunner(config: config, connection: try database.connect(),
                                 progress: progress, sleep: { waits.append($0) }).run(options)
    }

    /// Discards the harvest's log events (tests that read them pass their own logger).
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Every live issue as manifest-shaped JSON, keyed by issue_key.
    func storedIssues() throws -> [String: JSONObject] {
        let rows = try database.connect().query(Self.issuesAsManifestJSON)
        var result: [String: JSONObject] = [:]
        for row in rows {
            let text: PostgresJSONText = try row.get("doc")
            guard let object = try JSONValue.parse(text.text).objectValue else { continue }
            result[object["issue_key"]?.stringValue ?? ""] = object
        }
        return result
    }

    var manifestIssues: [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        for issue in manifest["issues"]?.arrayValue ?? [] {
            if let object = issue.objectValue, let key = object["issue_key"]?.stringValue { result[key] = object }
        }
        return result
    }

    /// Fields that differ between the manifest and the table, as readable lines (empty = exact).
    func differencesFromManifest() throws -> [String] {
        let stored = try storedIssues()
        let expected = manifestIssues
        var problems: [String] = []
        for key in expected.keys.sorted() where stored[key] == nil { problems.append("missing \(key)") }
        for key in stored.keys.sorted() where expected[key] == nil { problems.append("unexpected \(key)") }
        for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let have = stored[key] else { continue }
            for (field, value) in want where have[field] != value {
                problems.append("\(key).\(field): manifest \(value), stored \(have[field] ?? .null)")
            }
        }
        return problems
    }

    /// A checksum of the live table's data and row versions.
    func liveChecksum() throws -> String {
        try database.connect().query("""
            SELECT coalesce(md5(string_agg(issue_key || ':' || xmin::text || ':' || md5(raw::text) || ':' || updated_at::text,
                                           ',' ORDER BY issue_key)), '') AS sum FROM issues
            """)[0].get("sum")
    }

    /// Control API of the simulator: edit or delete an issue between harvests.
    func simulator(_ method: String, _ path: String, body: String? = nil) throws -> HTTPResponse {
        try HTTPClient().send(HTTPRequest(method: method, url: server.baseURL + "/_sim" + path,
                                          headers: [("Content-Type", "application/json")],
                                          body: body.map { Array($0.utf8) }))
    }

    static let issuesAsManifestJSON = """
        SELECT json_build_object(
            'issue_key', issue_key, 'source', source, 'summary', summary, 'status', status,
            'status_category', status_category, 'issue_type_id', issue_type_id, 'issue_type_name', issue_type_name,
            'parent_key', parent_key, 'epic_key', epic_key, 'linked_key', linked_key, 'assignee', assignee,
            'assignee_member_id', assignee_member_id, 'labels', labels, 'fix_versions', fix_versions, 'url', url,
            'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'updated_at', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'resolved_at', to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text AS doc
        FROM issues ORDER BY issue_key
        """
}

final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func append(_ value: Double) { lock.lock(); values.append(value); lock.unlock() }
    var all: [Double] { lock.lock(); defer { lock.unlock() }; return values }
}
