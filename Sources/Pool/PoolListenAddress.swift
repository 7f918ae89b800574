#if canImport(Glibc)
import Glibc
#endif
import FastCGI

/// Where the pool's listening socket comes from, in the order the master looks.
public enum PoolListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// `--socket PATH`: the master binds it (and removes it on exit).
    case unix(path: String)
    /// `--listen HOST:PORT`.
    case tcp(host: String, port: Int)
    /// systemd socket activation (`LISTEN_FDS`/`LISTEN_PID`): the first passed fd, 3.
    case systemd(fd: Int32)
    /// spawn-fcgi style: fd 0 is already a listening socket.
    case inherited(fd: Int32)

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): "tcp:\(host):\(port)"
        case .systemd(let fd): "systemd:fd\(fd)"
        case .inherited(let fd): "inherited:fd\(fd)"
        }
    }

    /// Parses `HOST:PORT` (`[::1]:9000`, `127.0.0.1:9000`, `:9000` for every address).
    public static func tcp(parsing text: String) -> PoolListenAddress? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return .tcp(host: host, port: port)
    }

    /// The socket systemd passed this process, if any; clears LISTEN_* so workers do not look.
    public static func fromSystemd(environment: [String: String]) -> PoolListenAddress? {
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
              let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1 else { return nil }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        return .systemd(fd: 3)
    }

    /// fd 0 when it is a listening socket (spawn-fcgi, inetd "wait" style).
    public static func fromStandardInput() -> PoolListenAddress? {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else { return nil }
        return .inherited(fd: 0)
    }

    /// Opens (or adopts) the socket. Inherited descriptors get close-on-exec cleared, because
    /// spawned workers must inherit them too.
    public func open(backlog: Int32 = 1024) throws(PoolError) -> Int32 {
        let fd: Int32
        do {
            switch self {
            case .unix(let path): fd = try FastCGISocket.listen(unixPath: path, backlog: backlog)
            case .tcp(let host, let port): fd = try FastCGISocket.listen(host: host, port: port, backlog: backlog)
            case .systemd(let inherited), .inherited(let inherited): fd = inherited
            }
        } catch {
            let inUse = error.systemErrno == EADDRINUSE ? " (address in use: is another pool running?)" : ""
            throw PoolError(code: .listenFailed, context: "\(self): \(error.description)\(inUse)")
        }
        let flags = fcntl(fd, F_GETFD)
        guard flags >= 0 else { throw PoolError(code: .listenFailed, context: "\(self): not open", systemErrno: errno) }
        _ = fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC)
        return fd
    }

    /// The socket file the master created and should remove when it exits.
    public var ownedSocketPath: String? {
        if case .unix(let path) = self { return path }
        return nil
    }
}
