import Foundation
import Testing
import TestKit
#if canImport(Glibc)
import Glibc
#endif

/// The harness's nginx when the free port it picked is taken before nginx binds it (tests run
/// in parallel): it starts on another one, and answers its own readiness probe.
@Suite struct TestNginxPortTests {
    /// A TCP socket listening on 127.0.0.1 at a port the kernel chose, until closed.
    final class HeldPort {
        let fd: Int32
        let port: Int

        init() throws { (fd, port) = try FreePort.bind(listening: true) }

        deinit { close(fd) }
    }

    @Test func aTakenPortIsTriedAgainOnAnother() throws {
        let held = try HeldPort()
        var handedOut: [Int] = []
        let nginx = try TestNginx(upstreamSocket: "/tmp/worksupport-no-such-pool.sock", ports: {
            let port = handedOut.isEmpty ? held.port : try FreePort.find()
            handedOut.append(port)
            return port
        })
        #expect(handedOut.count == 2)
        #expect(handedOut.first == held.port)
        #expect(nginx.port == handedOut.last)
        #expect(nginx.port != held.port)
        // Requests reach this nginx: with no pool behind it, the API answers 502 from nginx.
        #expect(try nginx.client.get("/health").status == 502)
        #expect(nginx.errorLog.contains("Address already in use") == false)
    }
}
