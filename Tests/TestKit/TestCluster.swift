import Foundation

/// A PostgreSQL cluster of the test's own (scripts/pg-cluster in a temp directory), for tests that
/// stop and restart the database under a running service. Stopped and removed on `remove()`.
public final class TestCluster: @unchecked Sendable {
    public let directory: URL

    public init() throws {
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("ws-cluster-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try script("start")
    }

    /// libpq conninfo for `database` on this cluster.
    public func url(_ database: String = "postgres") throws -> String {
        try script("url", database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func stop() throws { try script("stop") }
    public func start() throws { try script("start") }

    public func remove() {
        _ = try? script("stop")
        try? FileManager.default.removeItem(at: directory)
    }

    /// posix_spawn + waitpid, not Foundation's Process: Process learns of the child's exit
    /// through a descriptor the started postgres inherits, so it would wait for the server's end.
    @discardableResult
    private func script(_ command: String, _ extra: String...) throws -> String {
        let scriptPath = CommandRunner.repositoryRoot.appendingPathComponent("scripts/pg-cluster").path
        let outputPath = directory.path + "/script-output"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [scriptPath, command, directory.path] + extra
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, scriptPath, &actions, nil, &argv, environ) == 0 else {
            throw TestEnvironmentError(message: "cannot start scripts/pg-cluster")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status >> 8) & 0xff
        guard status & 0x7f == 0, exitCode == 0 else {
            throw TestEnvironmentError(message: "scripts/pg-cluster \(command) failed (status \(status))")
        }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
