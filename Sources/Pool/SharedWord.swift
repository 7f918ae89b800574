import Synchronization

/// One 64-bit word in memory mapped `MAP_SHARED` by the master and every worker.
///
/// Swift's `Atomic` needs its own storage, so the word is bound to `Atomic<UInt64>` in place:
/// loads and stores are then real atomics even though another process is on the other side.
struct SharedWord {
    let address: UnsafeMutablePointer<Atomic<UInt64>>

    init(_ base: UnsafeMutableRawPointer, offset: Int) {
        address = (base + offset).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    func load() -> UInt64 { address.pointee.load(ordering: .acquiring) }

    func store(_ value: UInt64) { address.pointee.store(value, ordering: .releasing) }

    /// For counters: safe against concurrent adders, e.g. several workers bumping a pool counter.
    func add(_ value: UInt64) { address.pointee.wrappingAdd(value, ordering: .relaxed) }

    /// For a slot's own counters, which only its worker writes: no locked instruction needed.
    func addSingleWriter(_ value: UInt64) {
        address.pointee.store(address.pointee.load(ordering: .relaxed) &+ value, ordering: .relaxed)
    }
}
