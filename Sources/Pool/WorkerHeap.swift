#if canImport(Glibc)
import Glibc
#endif

/// A worker keeps its heap between requests. By default glibc gives a large page's freed memory
/// (libpq's result of thousands of rows, the arrays decoded from it) back to the kernel when the
/// request ends and faults it in again on the next one, a cost every heavy dashboard page paid
/// on each request. The heap stays at the largest request's size; `--max-requests` bounds its drift.
public enum WorkerHeap {
    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` of malloc.h, which Swift's Glibc does not export.
    static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3

    /// Whether glibc took both settings (false elsewhere, where nothing is changed).
    @discardableResult
    public static func keepBetweenRequests() -> Bool {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        return mallopt(trimThreshold, 256 << 20) == 1 && mallopt(mmapThreshold, 32 << 20) == 1
    }
}
