import TextUtilities
import WorkSupportCore
import WorkSupportStore

/// Checks the key of each request in the database (one indexed lookup; a revoked key is refused
/// by its next request) and remembers which keys were used, writing `last_used_at` for all of
/// them in one UPDATE at most every `flushInterval` (on the write connection).
final class APIKeyAuthenticator {
    struct Caller: Equatable {
        let keyID: Int64
        let keyName: String
    }

    private let flushInterval: UInt64
    private let clock: MonotonicClock
    private var usedKeyIDs: Set<Int64> = []
    private var lastFlush: UInt64

    init(flushInterval: UInt64 = 60_000_000_000, clock: @escaping MonotonicClock) {
        self.flushInterval = flushInterval
        self.clock = clock
        self.lastFlush = clock()
    }

    /// The key from `X-API-Key`, else from `Authorization: Bearer`; nil when neither is present.
    static func presentedKey(_ request: APIRequest) -> String? {
        if let key = request.header("x-api-key")?.trimmingSpaces(), !key.isEmpty {
            return key
        }
        guard let authorization = request.header("authorization") else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingSpaces()
        return key.isEmpty ? nil : key
    }

    /// The key presented, or 401 when there is none or it is over-long (refused without a lookup).
    static func acceptableKey(_ request: APIRequest) throws(APIError) -> String {
        guard let key = presentedKey(request), key.utf8.count <= 256 else { throw APIError.unauthorized }
        return key
    }

    /// The SHA-256 (hex) of the key presented, or 401 (see `acceptableKey`).
    static func presentedKeyHash(_ request: APIRequest) throws(APIError) -> String {
        APIKeyMaterial.hash(of: try acceptableKey(request))
    }

    /// The caller whose key has this SHA-256 hash, checked in the database, or 401.
    func authenticate(_ hash: String, database: DatabaseSession) throws(APIError) -> Caller {
        let found = try database.run { connection throws(StoreError) in
            try APIKeyLookup(connection: connection).activeKey(hash: hash)
        }
        guard let found else { throw APIError.unauthorized }
        let caller = Caller(keyID: found.id, keyName: found.name)
        usedKeyIDs.insert(caller.keyID)
        return caller
    }

    /// Writes `last_used_at` when the interval has passed (or always when `force`). A failed
    /// write keeps the ids for the next try.
    func flushIfDue(database: DatabaseSession, force: Bool = false) {
        guard !usedKeyIDs.isEmpty, force || clock() &- lastFlush >= flushInterval else { return }
        let ids = usedKeyIDs.sorted()
        do throws(APIError) {
            try database.run { connection throws(StoreError) in
                try APIKeyLookup(connection: connection).markUsed(ids)
            }
            usedKeyIDs.removeAll()
            lastFlush = clock()
        } catch {
            lastFlush = clock()
        }
    }
}
