import WorkSupportStore

extension APIApplication {
    /// A single-issue read that needs nothing but its document: GET or HEAD, no query, no
    /// body announced, a key this worker remembers (`VerifiedKeyCache`). Anything else, or
    /// any doubt, is answered alone.
    public func batchable(_ request: APIRequest) -> BatchableRead? {
        guard request.onlyReads, request.rawQuery.isEmpty, request.body.isEmpty,
              request.header("content-length").map({ $0 == "0" }) ?? true,
              case .matched(.issue, let issueKey?) = router.match(method: request.method, path: request.path),
              !issueKey.isEmpty,
              let hash = try? APIKeyAuthenticator.presentedKeyHash(request),
              let caller = database.verifiedKeys.key(hash: hash) else { return nil }
        return BatchableRead(request: request, issueKey: issueKey, keyHash: hash, caller: caller)
    }

    /// Reads the documents of a batch of single-issue reads in one statement (the pool gathers
    /// the requests already queued for it). PostgreSQL runs one statement for them instead of
    /// one each, and the worker makes one round trip. The key check is settled as for one read
    /// on a remembered key (`answer(rememberedKey:)`): the answers go out when the statement
    /// ran and no key change came with its answer. Otherwise, and for a read whose key was
    /// forgotten since it was gathered, a body, or a database failure, each read is answered
    /// alone by `handle`, exactly as it would have been without the batch.
    public func handle(batch: [BatchableRead]) -> [APIResponse] {
        let start = clock()
        let joined = batch.indices.filter {
            batch[$0].request.body.isEmpty && database.verifiedKeys.key(hash: batch[$0].keyHash) != nil
        }
        var answered = [APIResponse?](repeating: nil, count: batch.count)
        if joined.count > 1 {
            let mark = rememberedKeysMark()
            let documents = try? database.run { connection throws(StoreError) in
                try IssueQueries(connection: connection).issueJSONs(keys: joined.map { batch[$0].issueKey })
            }
            if let documents, rememberedKeysHeld(since: mark) {
                let elapsed = clock() &- start
                for (document, index) in zip(documents, joined) {
                    let read = batch[index]
                    var response: APIResponse
                    do throws(APIError) {
                        response = try Self.issueResponse(key: read.issueKey, document: document)
                    } catch {
                        response = error.response
                    }
                    usedRememberedKey(read.caller)
                    metrics.count(MetricLayout.batchedReads)
                    answered[index] = finished(response, for: read.request, route: .issue, nanoseconds: elapsed)
                }
                authenticator.flushIfDue(database: database)
            }
        }
        return batch.indices.map { answered[$0] ?? handle(batch[$0].request) }
    }
}
