import ArgumentParser
import Connectors
import Foundation
import Postgres
import WorkSupportCore
import WorkSupportStore

/// `worksupport check`: one cheap authenticated call to each configured upstream and a look at
/// the database, all at once, each bounded in time; `GET /health` stays local on purpose.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the credentials of each configured upstream and the database.",
        discussion: """
            Jira: GET /rest/api/3/myself; GitHub: GET /rate_limit (costs no quota); Slack: auth.test; the database: \
            the schema version. One line each, `ok` with whose the credentials are and the rate budget \
            left where the upstream says it, or the reason (refused token, unknown host, timeout, TLS, \
            HTTP status). Each call waits at most harvest.timeout_seconds (never more than \
            \(Int(CheckCommand.longestWait)) s), without retries. Exit status 0 only when all are ok.
            """)

    /// However long harvest.timeout_seconds allows, an operator waiting at a prompt is answered by then.
    static let longestWait: Double = 10

    @OptionGroup var global: GlobalOptions
    @OptionGroup var migrationOptions: MigrationOptions

    func run() throws {
        try reportingErrors {
            let config = try global.loadConfig()
            let files = try migrationOptions.load()
            let seconds = min(Double(config.harvest.timeoutSeconds), Self.longestWait)
            var checks: [(name: String, run: @Sendable () -> UpstreamCheck)] = []
            if let jira = config.jira {
                checks.append(("jira", {
                    guard let token = jira.apiToken, !token.isEmpty else {
                        return .failed("no API token (set jira.api_token or JIRA_API_TOKEN)")
                    }
                    return JiraClient(baseURL: jira.baseURL, email: jira.email, apiToken: token,
                                      transport: Self.transport(seconds: seconds)).check()
                }))
            }
            if let github = config.github {
                checks.append(("github", {
                    GitHubClient(apiURL: github.apiURL, token: github.token, transport: Self.transport(seconds: seconds)).check()
                }))
            }
            if let slack = config.slack {
                checks.append(("slack", {
                    guard let token = slack.token, !token.isEmpty else {
                        return .failed("no token (set slack.token or SLACK_TOKEN)")
                    }
                    return SlackClient(apiURL: slack.apiURL, token: token, transport: Self.transport(seconds: seconds)).check()
                }))
            }
            let databaseURL = config.database.url
            checks.append(("database", { Self.checkDatabase(url: databaseURL, migrations: files, seconds: seconds) }))

            let results = Self.runConcurrently(checks.map(\.run))
            if config.jira == nil { print("jira: not configured (no jira.* keys)") }
            if config.github == nil { print("github: not configured (no github.* keys)") }
            for (check, result) in zip(checks, results) { print(result.line(upstream: check.name)) }
            if results.contains(where: { !$0.isOK }) { throw ExitCode.failure }
        }
    }

    /// One attempt, no retry: a check reports what the upstream says now.
    static func transport(seconds: Double) -> UpstreamTransport {
        UpstreamTransport(policy: RetryPolicy(maxAttempts: 1), connectTimeout: seconds, totalTimeout: seconds)
    }

    static func checkDatabase(url: String, migrations: [MigrationFile], seconds: Double) -> UpstreamCheck {
        // libpq's default for a URL without connect_timeout: an unreachable host fails in time too.
        setenv("PGCONNECT_TIMEOUT", String(max(2, Int(seconds))), 0)
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(url: url)
        } catch {
            return .failed("cannot connect: \(oneLine(error.description))")
        }
        do {
            let status = try StoreStatus.read(connection, migrations: migrations)
            let latest = migrations.last?.version ?? 0
            let applied = status.appliedVersion.map(String.init) ?? "none"
            guard status.schemaIsCurrent else {
                return .failed("schema behind: version \(applied) of \(latest) (run `worksupport migrate`)")
            }
            return .ok("PostgreSQL \(status.serverVersion), schema version \(applied), current")
        } catch {
            return .failed("query failed: \(oneLine(error.description))")
        }
    }

    /// Each check on its own thread: the slowest one bounds the whole command, not their sum.
    static func runConcurrently(_ checks: [@Sendable () -> UpstreamCheck]) -> [UpstreamCheck] {
        let results = CheckResults(count: checks.count)
        let done = DispatchGroup()
        for (index, check) in checks.enumerated() {
            done.enter()
            Thread {
                results.set(index, check())
                done.leave()
            }.start()
        }
        done.wait()
        return results.values
    }
}

/// The results of concurrent checks, each written once by its own thread.
private final class CheckResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [UpstreamCheck?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: UpstreamCheck) {
        lock.withLock { slots[index] = result }
    }

    var values: [UpstreamCheck] {
        lock.withLock { slots.map { $0 ?? .failed("not run") } }
    }
}
