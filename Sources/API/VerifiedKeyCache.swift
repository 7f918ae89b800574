/// The API keys this worker has found active, by the SHA-256 (hex) of the key presented, so a
/// read can skip its key check: a round trip for most routes, ≈ 16 µs of the database's ≈ 40
/// for the issue lookup, which checks the key in its own statement.
///
/// Sound only while the worker's session LISTENs on `APIKeyLookup.changeChannel`: the database
/// sends that notification, at the commit of any revocation, ahead of the answer to every
/// statement sent later. So a read answered on a remembered key is confirmed by the
/// notifications that came with its own statements' answers (`APIApplication.answer(rememberedKey:)`),
/// and a revocation is refused by the first request read after its commit, as before. Emptied on
/// any such notification and whenever the session (and so its LISTEN) is new.
struct VerifiedKeyCache {
    /// Keys are few; a flood of distinct valid keys only empties the cache now and then.
    static let capacity = 64

    private var keys: [String: APIKeyAuthenticator.Caller] = [:]
    /// Counts the emptyings: a read that began on a remembered key is confirmed only if no
    /// emptying happened by the end of its statements.
    private(set) var generation: UInt64 = 0

    func key(hash: String) -> APIKeyAuthenticator.Caller? { keys[hash] }

    /// A key the database just found active (in a statement that ran while listening).
    mutating func remember(hash: String, key: APIKeyAuthenticator.Caller) {
        if keys.count >= Self.capacity, keys[hash] == nil { keys.removeAll() }
        keys[hash] = key
    }

    mutating func forgetAll() {
        keys.removeAll()
        generation &+= 1
    }

    var count: Int { keys.count }
}
