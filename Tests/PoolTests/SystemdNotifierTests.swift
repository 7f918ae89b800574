import Foundation
import Pool
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SystemdNotifierTests {
    @Test func notifySendsTheDatagramToTheSocketPath() throws {
        let path = "/tmp/ws-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        let fd = try NotifyReceiver.bind(path: path)
        defer { close(fd); unlink(path) }
        #expect(SystemdNotifier(socketPath: path).notify("READY=1"))
        #expect(NotifyReceiver.receive(fd) == "READY=1")
    }

    @Test func withoutNotifySocketNothingIsSent() {
        #expect(!SystemdNotifier(socketPath: nil).notify("READY=1"))
    }
}

/// A unix datagram socket standing in for systemd's notify socket.
enum NotifyReceiver {
    static func bind(path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard status == 0 else { throw PoolError(code: .listenFailed, context: "bind \(path)", systemErrno: errno) }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// The next datagram, or nil after the receive timeout.
    static func receive(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }
}
