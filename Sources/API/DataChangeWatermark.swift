import Postgres

/// What a worker has heard of data changes, and so which shared documents it may serve (see
/// `DocumentCache`): those built from a snapshot in which every change it heard of had ended,
/// and every transaction that could have committed unheard before it began to listen.
struct DataChangeWatermark {
    /// The snapshot right after LISTEN; nil while not listening (then nothing is current).
    private(set) var listenSnapshot: PostgresSnapshot?
    /// The newest transactions heard of. Each is checked against a document's own snapshot: a
    /// bound like "ended before the oldest running one" would refuse documents in which a heard
    /// transaction had ended while an older one (another database's, say) still ran.
    private(set) var recent: [Int64] = []
    /// Heard transactions no longer in `recent`: a document's snapshot must have seen every
    /// transaction up to this one end (0: none). Coarser, so only for the overflow.
    private(set) var floor: Int64 = 0
    /// `recent` stays short: beyond this, the oldest go into `floor`.
    static let recentLimit = 256

    /// Listening since `snapshot` (taken after LISTEN), in a new server session or again.
    mutating func listening(since snapshot: PostgresSnapshot) { listenSnapshot = snapshot }

    /// Nothing is current until listening anew (the session was lost, or a change unnamed).
    mutating func forget() { listenSnapshot = nil }

    /// A change notification's payload: the id of a transaction that changed the data. False
    /// when it is not one (a NOTIFY by hand, say): the caller must listen anew, since the change
    /// may be any transaction before it.
    mutating func heard(_ payload: String) -> Bool {
        guard let transaction = Int64(payload), transaction > 0 else { return false }
        if transaction > floor, !recent.contains(transaction) { recent.append(transaction) }
        if recent.count > Self.recentLimit {
            recent.sort()
            floor = max(floor, recent[recent.count - Self.recentLimit - 1])
            recent.removeFirst(recent.count - Self.recentLimit)
        }
        return true
    }

    /// Whether a document built from `snapshot` is current.
    func admits(_ snapshot: PostgresSnapshot) -> Bool {
        guard let listenSnapshot, snapshot.includes(listenSnapshot), floor < snapshot.xmin else { return false }
        return recent.allSatisfy(snapshot.hasEnded)
    }
}
