#if canImport(Glibc)
import Glibc
#endif

/// The pool's shared-memory status board (php-fpm's scoreboard): a header of pool counters,
/// the retired workers' counter totals, and one slot per worker.
///
/// The master creates it and passes the descriptor to every worker it spawns.
public final class Scoreboard {
    public static let defaultCounterCount = 2048

    let region: SharedMemoryRegion
    public let slotCapacity: Int
    public let counterCount: Int
    private let slotsOffset: Int
    private let slotStride: Int

    /// A fresh board (master side).
    public init(slotCapacity: Int, counterCount: Int = Scoreboard.defaultCounterCount) throws(PoolError) {
        let size = ScoreboardLayout.totalSize(slotCapacity: slotCapacity, counterCount: counterCount)
        region = try SharedMemoryRegion(creatingSize: size)
        self.slotCapacity = slotCapacity
        self.counterCount = counterCount
        slotsOffset = ScoreboardLayout.slotsOffset(counterCount: counterCount)
        slotStride = ScoreboardLayout.slotStride(counterCount: counterCount)
        header(.slotCapacity).store(UInt64(slotCapacity))
        header(.counterCount).store(UInt64(counterCount))
        header(.masterPID).store(UInt64(getpid()))
        header(.startTimeMicros).store(PoolClock.realtimeMicros())
        header(.magic).store(ScoreboardLayout.magic)
    }

    /// The master's board, from the descriptor a worker inherited.
    public init(attachingFD fd: Int32) throws(PoolError) {
        region = try SharedMemoryRegion(attachingFD: fd)
        guard SharedWord(region.base, offset: ScoreboardLayout.Header.magic.offset).load() == ScoreboardLayout.magic
        else { throw PoolError(code: .scoreboardFailed, context: "fd \(fd) is not a pool scoreboard") }
        slotCapacity = Int(SharedWord(region.base, offset: ScoreboardLayout.Header.slotCapacity.offset).load())
        counterCount = Int(SharedWord(region.base, offset: ScoreboardLayout.Header.counterCount.offset).load())
        slotsOffset = ScoreboardLayout.slotsOffset(counterCount: counterCount)
        slotStride = ScoreboardLayout.slotStride(counterCount: counterCount)
        guard ScoreboardLayout.totalSize(slotCapacity: slotCapacity, counterCount: counterCount) <= region.size
        else { throw PoolError(code: .scoreboardFailed, context: "scoreboard fd \(fd) is truncated") }
    }

    /// The descriptor to hand to spawned workers.
    public var fileDescriptor: Int32 { region.fd }

    func header(_ field: ScoreboardLayout.Header) -> SharedWord { SharedWord(region.base, offset: field.offset) }

    func slot(_ index: Int) -> ScoreboardSlot {
        precondition(index >= 0 && index < slotCapacity, "scoreboard slot \(index) out of range")
        return ScoreboardSlot(index: index, base: region.base + slotsOffset + index * slotStride,
                              counterCount: counterCount)
    }

    private func retiredCounter(_ index: Int) -> SharedWord {
        SharedWord(region.base, offset: ScoreboardLayout.retiredCountersOffset + index * 8)
    }

    /// Master: a freshly spawned worker takes `index`.
    func claim(_ index: Int, pid: Int32, generation: UInt64) {
        let row = slot(index)
        row.clear(stride: slotStride)
        row.word(.generation).store(generation)
        row.word(.startedAtMicros).store(PoolClock.realtimeMicros())
        row.setState(.starting)
        row.word(.pid).store(UInt64(UInt32(bitPattern: pid)))
    }

    /// Master: the worker in `index` is gone; fold its counts into the retired totals and free the
    /// row. The retire sequence is odd meanwhile, so readers retry instead of counting twice.
    func retire(_ index: Int) {
        let row = slot(index)
        let sequence = header(.retireSequence)
        sequence.store(sequence.load() &+ 1)
        header(.retiredRequests).add(row.word(.requests).load())
        for counter in 0..<counterCount {
            let value = row.counter(counter).load()
            if value != 0 { retiredCounter(counter).add(value) }
        }
        row.clear(stride: slotStride)
        sequence.store(sequence.load() &+ 1)
    }

    /// Sums over live and retired workers; never goes down while the pool runs.
    public func counterTotals() -> [UInt64] {
        consistentRead {
            var totals = (0..<counterCount).map { retiredCounter($0).load() }
            for index in 0..<slotCapacity {
                let row = slot(index)
                for counter in 0..<counterCount { totals[counter] &+= row.counter(counter).load() }
            }
            return totals
        }
    }

    /// Requests served by every worker, past and present.
    public func totalRequests() -> UInt64 {
        consistentRead {
            (0..<slotCapacity).reduce(header(.retiredRequests).load()) { $0 &+ slot($1).word(.requests).load() }
        }
    }

    /// Seqlock read: retry while the master is folding a dead worker into the retired totals.
    func consistentRead<T>(_ body: () -> T) -> T {
        let sequence = header(.retireSequence)
        while true {
            let before = sequence.load()
            if before & 1 == 1 { sched_yield(); continue }
            let value = body()
            if sequence.load() == before { return value }
        }
    }
}
