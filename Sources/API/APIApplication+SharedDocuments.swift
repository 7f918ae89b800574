import WorkSupportCore
import WorkSupportStore

extension APIApplication {
    /// Larger documents are built each time rather than stored (a tree of every issue, say).
    static let largestSharedDocument = 32 << 20

    /// The document `canonicalRequest` names: the shared copy when it is current (see
    /// `DocumentCache`), else built by `build` and shared. A failure to store is logged and
    /// counted by the session; the answer stands.
    func sharedDocument(_ canonicalRequest: String,
                        build: () throws(APIError) -> [UInt8]) throws(APIError) -> [UInt8] {
        let maxEntries = config.api.documentCacheEntries
        guard maxEntries > 0 else { return try build() }
        let key = SecretDigest.sha256Hex(canonicalRequest)
        // Checked after the lookup: changes heard along with its answer count.
        let found = try database.run { connection throws(StoreError) in
            try DocumentCache(connection: connection).lookup(key: key)
        }
        if let stored = found.stored, database.watermark.admits(stored.snapshot) {
            metrics.count(MetricLayout.documentCacheHits)
            return stored.body
        }
        metrics.count(MetricLayout.documentCacheMisses)
        let body = try build()
        // Built from a snapshot a change heard since may have missed: answer, but do not share.
        guard database.watermark.admits(found.current), body.count <= Self.largestSharedDocument else { return body }
        let floor = database.watermark.floor
        do throws(APIError) {
            try database.run(retryOnLoss: false) { connection throws(StoreError) in
                try DocumentCache(connection: connection).store(key: key, body: body, snapshot: found.current,
                                                                endedBefore: floor, maxEntries: maxEntries)
            }
            metrics.count(MetricLayout.documentCacheStores)
        } catch {}
        return body
    }

    /// The path, then the given parameters in `DocumentCache.parameterText` lines.
    static func canonicalRequest(_ path: String, _ fields: [(String, String?)]) -> String {
        fields.reduce(into: path + "\n") { text, field in
            if let value = field.1 { text += DocumentCache.parameterText(field.0, [value]) }
        }
    }
}
