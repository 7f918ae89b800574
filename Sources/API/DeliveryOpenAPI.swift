import JSON

/// The delivery-metrics operations of the OpenAPI document: the generic ingest (and, with the
/// metrics endpoints, their reads).
extension OpenAPIDocument {
    static let ingestDeploymentBody = S.object([
        ("kind", S.enumeration(["deployment"])), ("id", ["type": ["string", "integer"]]),
        ("repo", S.nonEmptyString), ("environment", S.nonEmptyString), ("sha", S.string), ("ref", S.string),
        ("status", S.enumeration(["queued", "pending", "in_progress", "success", "failure", "error", "inactive"])),
        ("started_at", S.dateTime), ("finished_at", S.dateTime),
    ], optional: ["sha", "ref", "finished_at"],
       description: "`finished_at` must not be before `started_at`; a success without it finishes when it started.")

    static let ingestIncidentBody = S.object([
        ("kind", S.enumeration(["incident"])), ("id", ["type": ["string", "integer"]]), ("title", S.string),
        ("repo", S.string), ("environment", S.string), ("created_at", S.dateTime), ("resolved_at", S.dateTime),
        ("deployment_id", ["type": ["string", "integer"]]), ("sha", S.string), ("pull_request", S.string),
    ], optional: ["title", "repo", "environment", "resolved_at", "deployment_id", "sha", "pull_request"],
       description: "Linked to the deployment named by `deployment_id` (the `id` it was ingested with), `sha` or `pull_request` (owner/repo#N) first, else to the latest production deployment of `repo` within dora.incident_window_hours before `created_at`.")

    static let ingestResult = S.object([
        ("status", S.enumeration(["applied", "duplicate"])), ("source", S.string),
        ("kind", S.enumeration(["deployment", "incident"])), ("id", S.string), ("delivery", S.integer),
        ("written", S.boolean), ("deployment_id", S.integer), ("incident_id", S.integer),
    ], optional: ["delivery", "written", "deployment_id", "incident_id"])

    static let deliveryPaths: [(String, JSONValue)] = [
        ("/api/ingest/{source}", ["post": operation(
            "ingestDelivery",
            "A deployment or incident from any CI/CD or incident tool (API key). Stored raw in webhook_deliveries under `source`, then applied; a repeat of the same body is a duplicate, a changed body for the same id updates it. 422 lists every invalid field, and only the raw delivery is stored, as failed.",
            parameters: [S.parameter("source", in: "path", ["type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,62}$"],
                                     "The sending tool's name (not github, jira or slack, which have signed endpoints).")],
            responses: [("200", ["description": "Applied, or a duplicate of a stored body",
                                 "content": ["application/json": ["schema": ingestResult]]])],
            errors: [400, 413, 415, 422],
            requestBody: ["required": true, "content": ["application/json": ["schema": [
                "oneOf": [ingestDeploymentBody, ingestIncidentBody]]]]])]),
    ]
}
