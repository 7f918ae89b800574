#if canImport(Glibc)
import Glibc
#endif

/// A file in /dev/shm, unlinked at once, mapped `MAP_SHARED`; workers map the same file through
/// the inherited descriptor, so nothing is left behind when the pool goes away.
final class SharedMemoryRegion {
    let fd: Int32
    let size: Int
    let base: UnsafeMutableRawPointer

    /// Creates and zero-fills a new region; the descriptor is inheritable (no close-on-exec).
    /// /tmp is the fallback for sandboxes without a writable /dev/shm (the file is unlinked anyway).
    init(creatingSize size: Int, directories: [String] = ["/dev/shm", "/tmp"]) throws(PoolError) {
        var fd: Int32 = -1
        var failure = PoolError(code: .scoreboardFailed, context: "no directory for the scoreboard")
        for directory in directories {
            let name = "\(directory)/worksupport-scoreboard-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 {
                unlink(name)
                break
            }
            failure = PoolError(code: .scoreboardFailed, context: "open \(name)", systemErrno: errno)
        }
        guard fd >= 0 else { throw failure }
        guard ftruncate(fd, off_t(size)) == 0 else {
            let saved = errno
            close(fd)
            throw PoolError(code: .scoreboardFailed, context: "ftruncate \(size)", systemErrno: saved)
        }
        self.fd = fd
        self.size = size
        self.base = try Self.map(fd: fd, size: size)
    }

    /// Maps the region a master created, from a descriptor inherited across exec.
    init(attachingFD fd: Int32) throws(PoolError) {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else {
            throw PoolError(code: .scoreboardFailed, context: "fstat inherited fd \(fd)", systemErrno: errno)
        }
        self.fd = fd
        self.size = Int(info.st_size)
        self.base = try Self.map(fd: fd, size: size)
    }

    deinit {
        munmap(base, size)
        close(fd)
    }

    private static func map(fd: Int32, size: Int) throws(PoolError) -> UnsafeMutableRawPointer {
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw PoolError(code: .scoreboardFailed, context: "mmap \(size) bytes", systemErrno: errno)
        }
        return address
    }
}
