import Foundation
import Testing
import TestKit
#if canImport(Glibc)
import Glibc
#endif

/// Startup paths without nginx: readiness, configuration errors, socket in use.
@Suite(.serialized) struct PoolStartupTests {
    @Test func readinessIsNotifiedOverNotifySocket() throws {
        let path = "/tmp/ws-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        let fd = try NotifyReceiver.bind(path: path)
        defer { close(fd); unlink(path) }
        let pool = try TestPool(workers: 2, environment: ["NOTIFY_SOCKET": path])
        defer { pool.stop() }
        let message = NotifyReceiver.receive(fd)
        #expect(message?.hasPrefix("READY=1") == true)
        #expect(Deadline.poll(seconds: 5) { pool.events("pool_ready").count == 1 })
    }

    @Test func badConfigExitsWithFileLineAndKey() throws {
        let directory = try TestDirectory.make(prefix: "pool-config")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.path + "/ws.properties"
        try "database.url=postgresql:///x\napi.max_requests=many\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run("worksupport-api", ["--config", config, "--socket", directory.path + "/a.sock"])
        #expect(result.exitCode == 78)
        #expect(result.stderr.contains("\(config):2:"))
        #expect(result.stderr.contains("api.max_requests"))
    }

    @Test func socketHeldByANonSocketFileIsRefused() throws {
        let directory = try TestDirectory.make(prefix: "pool-busy")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/api.sock"
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        let config = directory.path + "/ws.properties"
        try "database.url=postgresql:///x\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run("worksupport-api", ["--config", config, "--socket", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("exists and is not a socket"))
    }

    @Test func conflictingListenOptionsAreAUsageError() throws {
        let result = try CommandRunner.run("worksupport-api", ["--socket", "/tmp/a.sock", "--listen", "127.0.0.1:9000"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--socket or --listen"))
    }
}
