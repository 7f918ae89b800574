/// Which shared documents a worker may serve (see `DocumentCache`): those whose snapshot xmin
/// is at least `validFrom`. Nothing is current until the worker listens for changes.
struct DataChangeWatermark: Equatable {
    private(set) var validFrom: Int64 = .max

    var isListening: Bool { validFrom != .max }

    /// The worker listens since before transaction `nextTransaction` was assigned. Transaction
    /// ids only grow, so an earlier watermark never moves back.
    mutating func listening(since nextTransaction: Int64) {
        validFrom = isListening ? max(validFrom, nextTransaction) : nextTransaction
    }

    /// A change notification's payload: the id of a transaction that changed the data. False
    /// when it is not one (a NOTIFY by hand, say): the caller must then learn the next
    /// transaction id anew, since the change may be any before it.
    mutating func heard(_ payload: String) -> Bool {
        guard let transaction = Int64(payload), transaction >= 0, transaction < .max else { return false }
        if isListening { validFrom = max(validFrom, transaction + 1) }
        return true
    }

    /// Not listening any more (the session was lost): no stored document is known to be current.
    mutating func forget() { validFrom = .max }
}
