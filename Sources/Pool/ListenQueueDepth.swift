#if canImport(Glibc)
import Glibc
#endif

/// How many connections wait in a listening socket's accept queue (php-fpm's "listen queue").
public struct ListenQueueDepth: Sendable, Hashable {
    public var queued: Int
    public var limit: Int

    /// For TCP listeners Linux reports the accept queue in TCP_INFO (`tcpi_unacked` is the current
    /// length, `tcpi_sacked` the backlog). Unix sockets do not expose it there: nil.
    public static func read(listeningFD fd: Int32) -> ListenQueueDepth? {
        var domain: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &length) == 0,
              domain == AF_INET || domain == AF_INET6 else { return nil }
        var info = tcp_info()
        length = socklen_t(MemoryLayout<tcp_info>.size)
        guard getsockopt(fd, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 else { return nil }
        return ListenQueueDepth(queued: Int(info.tcpi_unacked), limit: Int(info.tcpi_sacked))
    }
}
