import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `worksupport-api` binary running as a pool on a temp unix socket, with a temp
/// config pointing at a scratch test database. Its stderr (the structured log) goes to a file.
public final class TestPool: @unchecked Sendable {
    public let directory: URL
    public let socketPath: String
    public let configPath: String
    public let logPath: String
    private let process: Process

    /// `arguments` are added after `--config … --socket … --workers N`; `configLines` are added to
    /// the properties file. Test-only routes (`/__test/sleep`, `/__test/crash`) are switched on.
    /// `databaseURL`: an existing database (seeded by the test); by default a fresh migrated one.
    public init(workers: Int = 2, arguments: [String] = [], configLines: [String] = [],
                environment: [String: String] = [:], databaseURL: String? = nil,
                function: String = #function) throws {
        directory = try TestDirectory.make(prefix: "pool")
        socketPath = directory.path + "/api.sock"
        configPath = directory.path + "/worksupport.properties"
        logPath = directory.path + "/pool.log"
        let databaseURL = databaseURL
            ?? (try? TestDatabase.createMigrated(function: function).url) ?? "postgresql:///worksupport_unused"
        try (["database.url=\(databaseURL)"] + configLines).joined(separator: "\n")
            .write(toFile: configPath, atomically: true, encoding: .utf8)

        process = Process()
        process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("worksupport-api")
        process.arguments = ["--config", configPath, "--socket", socketPath, "--workers", String(workers)] + arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["WORKSUPPORT_DATABASE_URL", "NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID"] { env[key] = nil }
        env["WORKSUPPORT_API_TEST_ROUTES"] = "1"
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: TestDirectory.touch(logPath))
        try process.run()
    }

    /// Stopped and its scratch directory removed: test runs leave nothing in /tmp.
    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public var masterPID: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Lines of the log for `event=NAME`.
    public func events(_ name: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains(" event=\(name)") }
    }

    /// Waits for the master's `pool_ready` (every worker accepting).
    @discardableResult
    public func waitUntilReady(seconds: Double = 15) -> Bool {
        Deadline.poll(seconds: seconds) { !events("pool_ready").isEmpty || !process.isRunning }
            && process.isRunning
    }

    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// The exit status once the master is gone, or nil after `seconds`.
    public func waitForExit(seconds: Double) -> Int32? {
        guard Deadline.poll(seconds: seconds, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    /// SIGTERM (the drain), then SIGKILL of the whole process group after a deadline.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            if waitForExit(seconds: 10) == nil { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }
}
