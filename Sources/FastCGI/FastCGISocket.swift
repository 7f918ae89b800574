#if canImport(Glibc)
import Glibc
#endif

/// Opens the listening socket that a master process hands to its workers.
///
/// The descriptor is deliberately not close-on-exec, so exec'd workers inherit it.
public enum FastCGISocket {
    /// Listens on a unix socket at `unixPath` (mode 0660), replacing a stale socket file.
    /// A non-socket file at that path is left alone and reported.
    public static func listen(unixPath: String, backlog: Int32 = 128) throws(FastCGIError) -> Int32 {
        let label = "unix:\(unixPath)"
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(unixPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity, !pathBytes.contains(0) else {
            throw FastCGIError(code: .invalidAddress, context: "\(label): path must be 1..\(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }

        try removeStaleSocket(at: unixPath, label: label)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw systemError("socket \(label)") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw closing(fd, systemError("bind \(label)")) }
        guard chmod(unixPath, 0o660) == 0 else { throw closing(fd, systemError("chmod \(label)")) }
        guard Glibc.listen(fd, backlog) == 0 else { throw closing(fd, systemError("listen \(label)")) }
        return fd
    }

    /// Listens on TCP `host:port`; host "" or "*" means every local address.
    public static func listen(host: String, port: Int, backlog: Int32 = 128) throws(FastCGIError) -> Int32 {
        let label = "tcp:\(host):\(port)"
        guard (0...65535).contains(port) else {
            throw FastCGIError(code: .invalidAddress, context: "\(label): port out of range")
        }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let node = (host.isEmpty || host == "*") ? nil : host
        let status = getaddrinfo(node, String(port), &hints, &list)
        guard status == 0, let list else {
            throw FastCGIError(code: .invalidAddress, context: "\(label): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }

        var lastError = FastCGIError(code: .invalidAddress, context: "\(label): no usable address")
        var candidate: UnsafeMutablePointer<addrinfo>? = list
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = systemError("socket \(label)"); continue }
            var reuse: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = closing(fd, systemError("bind \(label)"))
                continue
            }
            guard Glibc.listen(fd, backlog) == 0 else {
                lastError = closing(fd, systemError("listen \(label)"))
                continue
            }
            return fd
        }
        throw lastError
    }

    private static func removeStaleSocket(at path: String, label: String) throws(FastCGIError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw FastCGIError(code: .invalidAddress, context: "\(label): exists and is not a socket")
        }
        guard unlink(path) == 0 else { throw systemError("unlink stale \(label)") }
    }

    private static func systemError(_ context: String) -> FastCGIError {
        FastCGIError(code: .socketFailed, context: context, systemErrno: errno)
    }

    private static func closing(_ fd: Int32, _ error: FastCGIError) -> FastCGIError {
        close(fd)
        return error
    }
}
