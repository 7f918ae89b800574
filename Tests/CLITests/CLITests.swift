import Foundation
import TestKit
import Testing

/// The admin CLI as an operator uses it: the built `worksupport` binary, run as a process.
@Suite struct CLITests {
    func env(_ db: TestDatabase) -> [String: String] {
        ["WORKSUPPORT_DATABASE_URL": db.url, "WORKSUPPORT_MIGRATIONS_DIR": TestDatabase.migrationsDirectory]
    }

    func writeConfig(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func migrateTwiceSecondRunChangesNothing() throws {
        let db = try TestDatabase.create()
        let first = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 0001_reference_tables.sql"))
        let second = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        #expect(second.exitCode == 0)
        #expect(!second.stdout.contains("applied 0"))
        #expect(second.stdout.contains("nothing to do"))
    }

    @Test func statusShowsSchemaCurrentAfterMigrate() throws {
        let db = try TestDatabase.create()
        let before = try CommandRunner.run("worksupport", ["status"], environment: env(db))
        #expect(before.exitCode == 2)
        #expect(before.stdout.contains("schema: behind"))
        _ = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        let after = try CommandRunner.run("worksupport", ["status"], environment: env(db))
        #expect(after.exitCode == 0, "\(after.stderr)")
        #expect(after.stdout.contains("database: ok"))
        #expect(after.stdout.contains("schema: current"))
        #expect(after.stdout.contains("last harvest: none yet"))
    }

    @Test func anomaliesRunPassFindsWhatChangedSinceTheLastHarvest() throws {
        let db = try TestDatabase.createMigrated()
        try db.connect().execute("""
            INSERT INTO issues (issue_key, source, issue_type_id, parent_key, fix_versions, updated_at)
            VALUES ('S-1', 'jira', 10101, 'GONE-1', '{1.0}', now())
            """)
        let listed = try CommandRunner.run("worksupport", ["anomalies", "--run-pass"], environment: env(db))
        #expect(listed.exitCode == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("pass: new=1 resolved=0 open=1"))
        #expect(listed.stdout.contains("orphan_parent"))
        #expect(listed.stdout.contains("1 anomaly: orphan_parent=1"))
    }

    @Test func unreachableDatabaseGivesOneClearLineAndFailure() throws {
        let result = try CommandRunner.run("worksupport", ["status"], environment: [
            "WORKSUPPORT_DATABASE_URL": "host=/nonexistent/ws-socket port=5432 dbname=x connect_timeout=2",
            "WORKSUPPORT_MIGRATIONS_DIR": TestDatabase.migrationsDirectory])
        #expect(result.exitCode == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.hasPrefix("worksupport: cannot connect to the database"))
        #expect(result.stderr.contains("/nonexistent/ws-socket"))
    }

    @Test func typoInPropertiesFileNamesFileLineAndKey() throws {
        var lines = (1...11).map { "# comment line \($0)" }
        lines.append("jira.bse_url=https://company.atlassian.net")
        lines.append("database.url=postgresql:///worksupport")
        let path = try writeConfig(lines.joined(separator: "\n") + "\n")
        let result = try CommandRunner.run("worksupport", ["config", "check", "--config", path])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("\(path):12: unknown key 'jira.bse_url'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func configCheckPrintsEffectiveSettingsWithSecretsMasked() throws {
        let path = try writeConfig("""
            database.url=postgresql://ws:hunter2secret@localhost/worksupport
            github.issue_label=work-support
            """)
        let token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        let result = try CommandRunner.run("worksupport", ["config", "check", "--config", path],
                                           environment: ["GITHUB_TOKEN": token])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("github.issue_label"))
        #expect(result.stdout.contains("config OK"))
        #expect(!result.stdout.contains(token))
        #expect(!result.stdout.contains("hunter2secret"))
        #expect(result.stdout.contains("GITHUB_TOKEN"))
    }

    @Test func apiKeyCreatePrintsTheKeyAloneOnTheLastLineAndListNeverShowsIt() throws {
        let db = try TestDatabase.create()
        _ = try CommandRunner.run("worksupport", ["migrate"], environment: env(db))
        let created = try CommandRunner.run("worksupport", ["apikey", "create", "--name", "demo"], environment: env(db))
        #expect(created.exitCode == 0, "\(created.stderr)")
        let key = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        #expect(key.hasPrefix("wsk_"))
        #expect(!key.contains(" "))

        let listed = try CommandRunner.run("worksupport", ["apikey", "list"], environment: env(db))
        #expect(listed.stdout.contains("demo"))
        #expect(listed.stdout.contains("active"))
        #expect(!listed.stdout.contains(key))

        let revoked = try CommandRunner.run("worksupport", ["apikey", "revoke", "demo"], environment: env(db))
        #expect(revoked.exitCode == 0)
        let again = try CommandRunner.run("worksupport", ["apikey", "revoke", "demo"], environment: env(db))
        #expect(again.exitCode == 1)
        #expect(again.stderr.contains("no active API key"))
    }

    @Test func missingConfigFileIsReportedClearly() throws {
        let result = try CommandRunner.run("worksupport", ["migrate", "--config", "/nonexistent/ws.properties"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("/nonexistent/ws.properties: no such file"))
    }
}
