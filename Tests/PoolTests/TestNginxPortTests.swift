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

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, length) == 0 && listen(descriptor, 8) == 0
                        && getsockname(descriptor, $0, &length) == 0
                }
            }
            guard ok else {
                close(descriptor)
                throw TestEnvironmentError("could not hold a port: errno \(errno)")
            }
            fd = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

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
