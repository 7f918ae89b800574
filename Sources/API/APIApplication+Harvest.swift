import JSON
import WorkSupportStore

extension APIApplication {
    static let reloadStatuses = ["queued", "running", "completed", "failed", "cancelled"]
    static let runStatuses = ["running", "completed", "partial", "failed"]
    static let runKinds = ["scheduled", "manual", "automatic"]

    /// `POST /api/harvest/reload`: queue a reload (202) unless one is queued or running (409);
    /// `force` from the query or the body (JSON `{"force":true}` or a form) queues one anyway.
    func createReload(_ request: APIRequest, query: QueryParameters,
                      caller: APIKeyAuthenticator.Caller?) throws(APIError) -> APIResponse {
        let queryForce = try query.boolean("force")
        let force = try ReloadRequestBody.force(request) ?? queryForce ?? false
        let (outcome, started) = try queueReload(force: force, requestedBy: caller?.keyName)
        switch outcome {
        case .queued(let id, let status):
            var response = APIResponse.json(status: 202, .object([
                "reload_id": .int(id), "reload_started": .bool(started), "status": .string(status),
            ]))
            response.headers.append(("Location", "/api/harvest/reload/\(id)"))
            return response
        case .conflict(let existingID, let status):
            throw APIError(.reloadInProgress,
                           "reload \(existingID) is already \(status); pass force=true to queue another")
        }
    }

    /// Queues a reload (the API's POST and the dashboard's button alike) and, when one was
    /// queued, starts the harvester with `harvest.start_command`.
    func queueReload(force: Bool, requestedBy: String?) throws(APIError) -> (outcome: ReloadRequestOutcome, started: Bool) {
        let outcome = try writes.run(retryOnLoss: false) { connection throws(StoreError) in
            try ReloadRequestStore(connection: connection).request(force: force, requestedBy: requestedBy)
        }
        guard case .queued = outcome else { return (outcome, false) }
        return (outcome, harvestLauncher.start())
    }

    func reloadStatus(id text: String) throws(APIError) -> APIResponse {
        let id = try Self.pathID(text)
        return try document(notFound: "no reload request \(id)") { connection throws(StoreError) in
            try ReloadRequestStore(connection: connection).requestJSON(id: id)
        }
    }

    func reloadList(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let limit = try query.integer("limit", in: 1...100) ?? 10
        let status = try query.oneOf("status", Self.reloadStatuses)
        let body = try reads.run { connection throws(StoreError) in
            try ReloadRequestStore(connection: connection).listJSON(limit: limit, status: status)
        }
        return .json(databaseText: body)
    }

    func harvestRuns(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let limit = try query.integer("limit", in: 1...100) ?? 20
        let status = try query.oneOf("status", Self.runStatuses)
        let kind = try query.oneOf("kind", Self.runKinds)
        let body = try reads.run { connection throws(StoreError) in
            try HarvestRunQueries(connection: connection).listJSON(limit: limit, status: status, kind: kind)
        }
        return .json(databaseText: body)
    }

    func harvestRun(id text: String) throws(APIError) -> APIResponse {
        let id = try Self.pathID(text)
        return try document(notFound: "no harvest run \(id)") { connection throws(StoreError) in
            try HarvestRunQueries(connection: connection).runJSON(id: id)
        }
    }
}
