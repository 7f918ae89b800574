import JSON
import WorkSupportStore

extension APIApplication {
    /// `GET /api/releases`: every release name with its versions' state and issue count.
    func releases() throws(APIError) -> APIResponse {
        let body = try reads.run { connection throws(StoreError) in
            try ReleaseQueries(connection: connection).listJSON()
        }
        return .json(databaseText: body)
    }

    /// `GET /api/releases/{name}`: the release's issues, counts by status and type, open anomalies.
    func release(name: String) throws(APIError) -> APIResponse {
        // Counted in Unicode scalars, as JSON Schema's maxLength in the OpenAPI document counts.
        guard !name.isEmpty, name.unicodeScalars.count <= 200 else {
            throw APIError.invalid("name", "must be 1 to 200 characters")
        }
        let body = try reads.run { connection throws(StoreError) in
            try ReleaseQueries(connection: connection).release(name: name) { ReleaseDocument(name: name, rows: $0).bytes() }
        }
        guard let body else { throw APIError(.notFound, "no release '\(name.prefix(200))'") }
        return APIResponse(status: 200, headers: [APIResponse.jsonContentType], body: body)
    }
}
