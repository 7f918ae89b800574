extension APIApplication {
    /// Answers a read whose key this worker remembers (`VerifiedKeyCache`) without checking the
    /// key first, then settles whether it may go out. It may when `body` ran a statement and no
    /// key change came with the answers: PostgreSQL sends a revocation's notification ahead of
    /// the answer to any statement sent after its commit, so the key was active when the first
    /// one ran. Otherwise (no statement, a key change heard, a new session) the key is checked
    /// in the database before the answer or error goes out: 401 when it has been revoked.
    func answer(rememberedKey caller: APIKeyAuthenticator.Caller, hash: String,
                _ body: () throws(APIError) -> APIResponse) throws(APIError) -> APIResponse {
        let mark = rememberedKeysMark()
        let outcome: Result<APIResponse, APIError>
        do throws(APIError) {
            outcome = .success(try body())
        } catch {
            outcome = .failure(error)
        }
        if rememberedKeysHeld(since: mark) {
            usedRememberedKey(caller)
        } else {
            _ = try authenticator.authenticate(hash: hash, database: database)
        }
        return try outcome.get()
    }

    /// The remembered keys' state before a read's statements run, for `rememberedKeysHeld`.
    func rememberedKeysMark() -> (generation: UInt64, runs: UInt64) {
        (database.verifiedKeys.generation, database.completedRuns)
    }

    /// Whether the keys remembered at `mark` held for the statements run since: at least one
    /// ran, and no key change came with their answers.
    func rememberedKeysHeld(since mark: (generation: UInt64, runs: UInt64)) -> Bool {
        database.verifiedKeys.generation == mark.generation && database.completedRuns != mark.runs
    }

    /// A read answered on a remembered key: counted, and noted for `last_used_at`.
    func usedRememberedKey(_ caller: APIKeyAuthenticator.Caller) {
        metrics.count(MetricLayout.apiKeyCacheHits)
        authenticator.used(caller)
    }
}
