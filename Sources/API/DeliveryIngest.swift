import JSON
import WorkSupportCore
import WorkSupportStore

extension APIApplication {
    /// Sources that have their own signed endpoints (or will): never taken by the generic ingest.
    static let signedIngestSources: Set<String> = ["github", "jira", "slack"]

    /// `POST /api/ingest/{source}`: a deployment or incident from any CI/CD or incident tool,
    /// with an API key. Stored raw under `source`, then applied in the same transaction; a body
    /// with invalid fields is stored raw as `failed` and answered 422 naming every one of them.
    func ingestDelivery(_ request: APIRequest, source: String) throws(APIError) -> APIResponse {
        guard Self.isIngestSourceName(source) else {
            throw APIError(.invalidPath, "the source in /api/ingest/{source} must be 1–63 lowercase letters, digits, "
                + "'.', '_' or '-', starting with a letter or digit, got '\(source.prefix(80))'", parameter: "source")
        }
        guard !Self.signedIngestSources.contains(source) else {
            throw APIError(.invalidPath, "/api/ingest/\(source) is the \(source) endpoint, which authenticates by "
                + "signature; pick another source name for the generic ingest", parameter: "source")
        }
        try Self.requireJSONContentType(request)
        let (payload, text) = try Self.webhookPayload(request)
        let parsed = IngestEvent.parse(payload)
        let config = config.delivery
        let outcome = try writes.run { connection throws(StoreError) in
            try DeliveryIngestStore(connection: connection, config: config)
                .record(source: source, parsed: parsed, headers: Self.keptHeaders(request), rawBody: text)
        }
        if case .failure(let problem) = parsed {
            var error = APIError(.unprocessable, "the \(payload["kind"]?.stringValue ?? "ingest") body has "
                + "\(problem.fields.count) invalid field\(problem.fields.count == 1 ? "" : "s"): \(problem.description)")
            error.fields = problem.fields.map { APIError.Field(field: $0.field, message: $0.message) }
            throw error
        }
        guard case .success(let event) = parsed else { throw APIError.internalError }
        var body: JSONObject = ["source": .string(source), "kind": .string(event.kind), "id": .string(event.id)]
        switch outcome {
        case .duplicate:
            body["status"] = "duplicate"
            countGenericIngest("duplicate")
        case .applied(let deliveryRowID, let rowID, let written):
            body["status"] = "applied"
            countGenericIngest("applied")
            body["delivery"] = .int(deliveryRowID)
            body["written"] = .bool(written)
            if let rowID { body[event.kind == "deployment" ? "deployment_id" : "incident_id"] = .int(rowID) }
        case .failed:
            throw APIError.internalError
        }
        return .json(.object(body))
    }

    static func isIngestSourceName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...63).contains(scalars.count) else { return false }
        return scalars.enumerated().allSatisfy { index, scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || (index > 0 && (scalar == "." || scalar == "_" || scalar == "-"))
        }
    }
}
