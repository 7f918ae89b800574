import JSON
import WorkSupportStore

extension APIApplication {
    /// `{"status":"ok","database":"ok","last_harvest":{…}|null}`, or 503 with
    /// `"status":"degraded"` and why the database is unusable.
    func health() -> APIResponse {
        if let last = lastHealthyCheck, database.outage == nil, clock() &- last.at < healthReuseInterval {
            return last.response
        }
        do throws(APIError) {
            let lastRun = try database.run { connection throws(StoreError) in
                try HarvestRunQueries(connection: connection).lastRunJSON()
            }
            let response = APIResponse.json(.object([
                "status": "ok", "database": "ok", "last_harvest": Self.parsed(lastRun),
            ]))
            lastHealthyCheck = (clock(), response)
            return response
        } catch {
            lastHealthyCheck = nil
            let database: String = error.code == .databaseUnavailable
                ? "unavailable: \(self.database.outage?.reason ?? "not connected")"
                : "error: the health query failed"
            return APIResponse.json(status: 503, .object([
                "status": "degraded", "database": .string(database), "last_harvest": .null,
            ]))
        }
    }
}
