#if canImport(Glibc)
import Glibc
#endif

/// The worker's view of the pool, for the request handlers: metric counters that survive worker
/// restarts, and the status page data. Every method reads or writes the shared scoreboard
/// through atomics, hence `@unchecked Sendable`.
public final class PoolWorkerContext: @unchecked Sendable {
    public let scoreboard: Scoreboard
    /// This worker's scoreboard slot.
    public let slotIndex: Int
    let listenFD: Int32?

    init(scoreboard: Scoreboard, slotIndex: Int, listenFD: Int32?) {
        self.scoreboard = scoreboard
        self.slotIndex = slotIndex
        self.listenFD = listenFD
    }

    /// A private one-slot board, for handler tests and tools that run without a pool.
    public static func standalone(counterCount: Int = Scoreboard.defaultCounterCount) throws(PoolError)
        -> PoolWorkerContext {
        let scoreboard = try Scoreboard(slotCapacity: 1, counterCount: counterCount)
        scoreboard.claim(0, pid: getpid(), generation: 1)
        scoreboard.slot(0).setState(.idle)
        return PoolWorkerContext(scoreboard: scoreboard, slotIndex: 0, listenFD: nil)
    }

    /// How many metric counters each slot has (indices 0..<counterCount).
    public var counterCount: Int { scoreboard.counterCount }

    /// Adds to this worker's counter `index`; out-of-range indices are ignored.
    public func addCounter(index: Int, value: UInt64 = 1) {
        guard index >= 0, index < scoreboard.counterCount else { return }
        scoreboard.slot(slotIndex).counter(index).addSingleWriter(value)
    }

    /// Every counter summed over all workers, including those that already exited.
    public func counterTotals() -> [UInt64] { scoreboard.counterTotals() }

    public func statusSnapshot() -> PoolStatusSnapshot {
        scoreboard.statusSnapshot(listenQueue: listenFD.flatMap { ListenQueueDepth.read(listeningFD: $0) })
    }
}
