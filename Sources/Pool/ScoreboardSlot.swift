/// One worker's row in the scoreboard. The worker writes its state and request fields; the
/// master writes pid/generation when it spawns into the slot and clears the row when it reaps.
struct ScoreboardSlot {
    let index: Int
    let base: UnsafeMutableRawPointer
    let counterCount: Int

    func word(_ field: ScoreboardLayout.Slot) -> SharedWord { SharedWord(base, offset: field.offset) }

    func counter(_ index: Int) -> SharedWord {
        SharedWord(base, offset: ScoreboardLayout.slotCountersOffset + index * 8)
    }

    var pid: Int32 { Int32(truncatingIfNeeded: word(.pid).load()) }
    var state: WorkerState { WorkerState(rawValue: word(.state).load()) ?? .free }
    var stopRequested: Bool { word(.stopRequested).load() != 0 }

    func setState(_ state: WorkerState) { word(.state).store(state.rawValue) }

    /// The URI and method of the request being served (kept after it ends, as php-fpm does).
    func recordRequest(method: String, uri: String) {
        write(uri, at: ScoreboardLayout.uriOffset, capacity: ScoreboardLayout.uriCapacity, length: .uriLength)
        write(method, at: ScoreboardLayout.methodOffset, capacity: ScoreboardLayout.methodCapacity,
              length: .methodLength)
    }

    var uri: String { read(at: ScoreboardLayout.uriOffset, capacity: ScoreboardLayout.uriCapacity, length: .uriLength) }
    var method: String {
        read(at: ScoreboardLayout.methodOffset, capacity: ScoreboardLayout.methodCapacity, length: .methodLength)
    }

    /// Another process may read while this writes; a torn URI on a status page is acceptable,
    /// an out-of-bounds read is not, hence the clamped length.
    private func write(_ text: String, at offset: Int, capacity: Int, length: ScoreboardLayout.Slot) {
        var count = 0
        for byte in text.utf8 where count < capacity {
            base.storeBytes(of: byte, toByteOffset: offset + count, as: UInt8.self)
            count += 1
        }
        word(length).store(UInt64(count))
    }

    private func read(at offset: Int, capacity: Int, length: ScoreboardLayout.Slot) -> String {
        let count = min(Int(word(length).load()), capacity)
        let bytes = UnsafeRawBufferPointer(start: base + offset, count: count)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Zeroes the whole row (counters included); only the master does this, after reaping.
    func clear(stride rowSize: Int) {
        for offset in stride(from: 0, to: rowSize, by: 8) {
            SharedWord(base, offset: offset).store(0)
        }
    }
}
