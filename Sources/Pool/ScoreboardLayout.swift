/// Byte offsets inside the shared scoreboard. Every field is a 64-bit word so it can be read and
/// written atomically by any process; the URI and method are byte arrays guarded by a length word.
enum ScoreboardLayout {
    static let magic: UInt64 = 0x5753_504f_4f4c_0001  // "WSPOOL" v1

    /// Header words, in order.
    enum Header: Int, CaseIterable {
        case magic, slotCapacity, counterCount, masterPID, startTimeMicros
        case restarts, abnormalExits, timeoutKills, recycles, maxWorkersReached
        case retireSequence, targetWorkers, crashLoopActive, retiredRequests
        var offset: Int { rawValue * 8 }
    }

    static let headerSize = 4096
    /// The retired counters (dead workers' totals) follow the header.
    static let retiredCountersOffset = headerSize

    /// Slot words, in order.
    enum Slot: Int, CaseIterable {
        case pid, state, stopRequested, generation, startedAtMicros, requests
        case requestStartMonotonicMicros, requestStartRealtimeMicros, lastDurationMicros, lastStatus
        case uriLength, methodLength
        var offset: Int { rawValue * 8 }
    }

    static let uriOffset = 128
    static let uriCapacity = 256
    static let methodOffset = uriOffset + uriCapacity
    static let methodCapacity = 16
    static let slotCountersOffset = 512

    static func slotStride(counterCount: Int) -> Int { slotCountersOffset + counterCount * 8 }

    static func slotsOffset(counterCount: Int) -> Int {
        retiredCountersOffset + (counterCount * 8 + 63) / 64 * 64
    }

    static func totalSize(slotCapacity: Int, counterCount: Int) -> Int {
        let raw = slotsOffset(counterCount: counterCount) + slotCapacity * slotStride(counterCount: counterCount)
        return (raw + 4095) / 4096 * 4096
    }
}
