#if canImport(Glibc)
import Glibc
#endif

/// A worker keeps the heap it grew: by default glibc gives memory back above 128 kB free and
/// maps allocations above 128 kB afresh, so every request that reads a few thousand rows
/// faulted its pages in again. `mallopt` is not in the Glibc module, hence the lookup.
enum WorkerHeap {
    /// Free heap kept rather than returned, and the size from which allocations are mapped.
    static let keptBytes: Int32 = 64 << 20
    static let mappedFromBytes: Int32 = 32 << 20

    static func keepGrownHeap() {
        #if canImport(Glibc)
        typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(trimThreshold, keptBytes)
        _ = mallopt(mmapThreshold, mappedFromBytes)
        #endif
    }
}
