import Foundation
import Harvest
import HTTPClient
import JSON
import Postgres
import Simulator
import TestKit
import WorkSupportCore
import WorkSupportStore

/// A simulated Slack workspace (worksupport-sim, in process), a migrated database, and a config
/// with two members mapped to Slack users: the collector's end-to-end harness.
final class SlackFixture {
    let server: SimulatorServer
    let database: TestDatabase
    let config: WorkSupportConfig
    let waits = WaitLog()

    static let properties = """
        team.member.ana.name=Ana
        team.member.ana.github_id=ana-sim
        team.member.ana.slack_id=U0001
        team.member.ben.name=Ben
        team.member.ben.github_id=ben-sim
        team.member.ben.slack_id=U0002
        slack.lookback_days=7
        slack.signing_secret=sim-slack-signing-secret
        """

    /// 300 messages a channel by default: more thread parents than one 200-message page holds.
    init(slack: SimSlackWorkspace.Options = .init(messages: 1200), function: String = #function) throws {
        let dataset = DatasetGenerator.generate(.init(issues: 20, members: 2, seed: 3))
        server = try SimulatorServer(dataset: dataset, options: .init(slack: slack))
        try server.start()
        database = try TestDatabase.createMigrated(function: function)
        config = try WorkSupportConfig.parse(
            text: Self.properties + "\nslack.api_url=\(server.baseURL)/api\n", file: "slack.properties",
            environment: ["WORKSUPPORT_DATABASE_URL": database.url, "SLACK_TOKEN": SimSlackWorkspace.token])
    }

    deinit { server.stop() }

    /// A Slack-only run, as `worksupport-harvest --source slack`.
    @discardableResult
    func harvest(full: Bool = false) throws -> HarvestReport {
        let waits = self.waits
        return try HarvestRunner(config: config, connection: try database.connect(),
                                 progress: HarvestProgress(mode: .never, output: { _ in }, logger: HarvestFixture.quiet),
                                 sleep: { waits.append($0) })
            .run(HarvestOptions(fullReload: full, sources: [], kind: .manual, collectsSlack: true))
    }

    var manifest: JSONValue { server.slack.manifest() }

    func int(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try database.connect().query(sql, parameters)[0].get(0)
    }

    func strings(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> [String] {
        try database.connect().query(sql, parameters).map { try $0.get(0) }
    }

    /// Every text, text[] and jsonb column of every table in `public` that contains `marker`,
    /// as `table.column`.
    func columnsContaining(_ marker: String) throws -> [String] {
        let connection = try database.connect()
        let columns = try connection.query("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'ARRAY', 'character varying')
            ORDER BY table_name, column_name
            """).map { (try $0.get(0) as String, try $0.get(1) as String) }
        var found: [String] = []
        for (table, column) in columns {
            let n: Int = try connection.query(
                "SELECT count(*)::integer FROM \"\(table)\" WHERE \"\(column)\"::text LIKE '%' || $1 || '%'", [marker])[0].get(0)
            if n > 0 { found.append("\(table).\(column)") }
        }
        return found
    }
}
