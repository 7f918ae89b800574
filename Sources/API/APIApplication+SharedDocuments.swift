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
        var snapshotXmin: Int64?
        // A change heard along with a hit makes it stale; the second lookup knows of it.
        for _ in 0..<2 where snapshotXmin == nil {
            let found = try database.run { [database] connection throws(StoreError) in
                try DocumentCache(connection: connection).lookup(key: key, validFrom: database.watermark.validFrom)
            }
            switch found {
            case .hit(let body, let stored) where stored >= database.watermark.validFrom:
                metrics.count(MetricLayout.documentCacheHits)
                return body
            case .hit: continue
            case .miss(let xmin): snapshotXmin = xmin
            }
        }
        metrics.count(MetricLayout.documentCacheMisses)
        let body = try build()
        // Built from a snapshot a change heard since may have missed: answer, but do not share.
        guard let snapshotXmin, snapshotXmin >= database.watermark.validFrom,
              body.count <= Self.largestSharedDocument else { return body }
        let validFrom = database.watermark.validFrom
        do throws(APIError) {
            try database.run(retryOnLoss: false) { connection throws(StoreError) in
                try DocumentCache(connection: connection).store(key: key, body: body, snapshotXmin: snapshotXmin,
                                                                validFrom: validFrom, maxEntries: maxEntries)
            }
            metrics.count(MetricLayout.documentCacheStores)
        } catch {}
        return body
    }

    /// `name=<bytes>:value` lines, one per value: no separator inside a value needs escaping.
    static func canonicalRequest(_ path: String, _ fields: [(String, String?)]) -> String {
        var text = path + "\n"
        for (name, value) in fields {
            guard let value else { continue }
            text += "\(name)=\(value.utf8.count):\(value)\n"
        }
        return text
    }
}
