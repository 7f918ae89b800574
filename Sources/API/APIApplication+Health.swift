import JSON
import WorkSupportStore

extension APIApplication {
    /// `{"status":"ok","database":"ok","read_database":"ok","last_harvest":{…}|null}`, or 503
    /// with `"status":"degraded"` and why a connection is unusable. `database` is the write
    /// connection (`database.url`), `read_database` the one GET and HEAD read through
    /// (`database.read_url`; the same connection, and so the same state, when it is not set).
    func health() -> APIResponse {
        if let last = lastHealthyCheck, reads.outage == nil, writes.outage == nil,
           clock() &- last.at < healthReuseInterval {
            return last.response
        }
        let read = Self.check(reads)
        let write = reads === writes ? read : Self.check(writes)
        guard case .success(let lastRun) = read, case .success = write else {
            lastHealthyCheck = nil
            return APIResponse.json(status: 503, .object([
                "status": "degraded", "database": Self.state(write, writes), "read_database": Self.state(read, reads),
                "last_harvest": .null,
            ]))
        }
        let response = APIResponse.json(.object([
            "status": "ok", "database": "ok", "read_database": "ok", "last_harvest": Self.parsed(lastRun),
        ]))
        lastHealthyCheck = (clock(), response)
        return response
    }

    /// The last harvest run as the connection reads it, or why it could not.
    private static func check(_ session: DatabaseSession) -> Result<String?, APIError> {
        do throws(APIError) {
            return .success(try session.run { connection throws(StoreError) in
                try HarvestRunQueries(connection: connection).lastRunJSON()
            })
        } catch {
            return .failure(error)
        }
    }

    private static func state(_ check: Result<String?, APIError>, _ session: DatabaseSession) -> JSONValue {
        switch check {
        case .success: return "ok"
        case .failure(let error) where error.code == .databaseUnavailable:
            return .string("unavailable: \(session.outage?.reason ?? "not connected")")
        case .failure: return "error: the health query failed"
        }
    }
}
