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

    static let doraMeasure = S.object([
        ("value", ["type": ["number", "null"]]), ("numerator", ["type": "number"]), ("denominator", ["type": "number"]),
        ("method", S.string), ("unavailable", ["type": ["string", "null"]]),
    ], description: "`value` is null exactly when `unavailable` says why.")

    static let doraDuration = S.object([
        ("median_seconds", ["type": ["number", "null"]]), ("p85_seconds", ["type": ["number", "null"]]),
        ("numerator", S.integer), ("denominator", S.integer), ("method", S.string),
        ("unavailable", ["type": ["string", "null"]]),
    ], description: "`numerator` items measured of `denominator` eligible; true median (mean of the two middle values).")

    static let doraReport = S.object([
        ("from", S.dateTime), ("to", S.dateTime), ("scope", ["type": "object"]),
        ("deployment_frequency", S.object([("per_week", doraMeasure), ("deployment_days_per_week", doraMeasure)])),
        ("change_lead_time", ["allOf": [doraDuration, ["type": "object", "properties": ["parts": [
            "type": "object", "additionalProperties": doraDuration]]]]]),
        ("change_fail_rate", doraMeasure), ("failed_deployment_recovery_time", doraDuration),
        ("deployment_rework_rate", ["allOf": [doraMeasure, ["type": "object", "properties": ["rule": S.string]]]]),
        ("deployments_without_known_changes", ["type": "object", "additionalProperties": S.integer]),
        ("unlinked_incident_ids", S.array(S.integer)),
    ], description: "DORA's five metrics, defined in docs/dora.md.")

    static func windowParameters(environment: Bool = true) -> [JSONValue] {
        [S.parameter("repo", S.nonEmptyString, "owner/name (case-insensitive)")]
            + (environment ? [S.parameter("environment", S.nonEmptyString, "One environment; default: every production one")] : [])
            + [S.parameter("from", S.nonEmptyString, "Window start, RFC 3339 time or date (UTC midnight); default `to` minus 90 days"),
               S.parameter("to", S.nonEmptyString, "Window end (exclusive); default now")]
    }

    static func listOperation(_ id: String, _ summary: String, member: String, extra: [JSONValue]) -> JSONValue {
        operation(id, summary, parameters: extra + [S.parameter("limit", ["type": "integer", "minimum": 1, "maximum": 1000],
                                                                "At most this many, newest first (default 100)")],
                  responses: [("200", ["description": "The rows and the count of every match", "content": [
                      "application/json": ["schema": S.object([(member, S.array(["type": "object"])), ("total_count", S.integer)])]]])],
                  errors: [400])
    }

    static let deliveryPaths: [(String, JSONValue)] = [
        ("/api/metrics/dora", ["get": operation(
            "doraMetrics", "DORA's five metrics over a window, per repo, environment and team",
            parameters: windowParameters() + [
                S.parameter("team", S.nonEmptyString, "The configured team: only its members' changes and the deployments shipping them"),
                S.parameter("member", S.nonEmptyString, "One team member's id (team.member.<id>)")],
            responses: [("200", ["description": "The metrics", "content": ["application/json": ["schema": doraReport]]])],
            errors: [400])]),
        ("/api/deployments", ["get": listOperation(
            "listDeployments", "Deployments counting in the window, with the changes they shipped and the incidents linked to them",
            member: "deployments",
            extra: windowParameters() + [S.parameter("status", S.enumeration(["queued", "pending", "in_progress", "success", "failure", "error", "inactive"]), "Only this result")])]),
        ("/api/incidents", ["get": listOperation(
            "listIncidents", "Incidents created in the window with their deployment and link_method (explicit, window)",
            member: "incidents", extra: windowParameters() + [S.parameter("linked", S.boolean, "Only linked (true) or unlinked (false)")])]),
        ("/api/changes", ["get": listOperation(
            "listChanges", "Merged pull requests merged in the window, with the deployment that shipped each",
            member: "changes", extra: windowParameters(environment: false) + [S.parameter("deployed", S.boolean, "Only shipped (true) or not yet (false)")])]),
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
