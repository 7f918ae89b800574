import JSON

extension OpenAPIDocument {
    typealias S = OpenAPISchema

    static let errorCodes = ["invalid_parameter", "unknown_parameter", "invalid_path", "invalid_body", "unauthorized",
                             "not_found", "method_not_allowed", "reload_in_progress", "unsupported_media_type",
                             "payload_too_large", "database_unavailable", "internal_error",
                             "invalid_signature", "missing_header", "webhook_not_configured", "unprocessable",
                             // Sent by the shipped nginx site, not the pool (nginx/worksupport.conf).
                             "invalid_request", "uri_too_long", "header_too_large", "rate_limited"]

    static let schemas: JSONObject = [
        "Error": S.object([
            ("error", S.object([
                ("code", S.enumeration(errorCodes)),
                ("message", S.string),
                ("parameter", S.string),
                ("fields", S.array(S.object([("field", S.string), ("message", S.string)]))),
            ], optional: ["parameter", "fields"])),
        ], description: "Every error: a stable code, a message for people, and the parameter at fault for 400s."),
        "Health": S.object([
            ("status", S.enumeration(["ok", "degraded"])),
            ("database", S.string),
            ("read_database", S.string),
            ("last_harvest", S.nullableRef("HarvestRunSummary")),
        ], description: "`database` (the write connection, `database.url`) and `read_database` (the connection GET and HEAD read through: `database.read_url`, or the same one when it is not set) are each `ok`, or `unavailable: <reason>` with status 503."),
        "HarvestRunSummary": S.object([
            ("id", S.integer), ("kind", S.enumeration(["scheduled", "manual", "automatic"])),
            ("status", S.enumeration(["running", "completed", "partial", "failed"])),
            ("started_at", S.dateTime), ("finished_at", S.nullable("string", format: "date-time")),
        ]),
        "IssueKeys": S.object([
            ("issue_keys", S.stringArray),
            ("total_count", S.integer),
            ("harvested_at", S.nullable("string", format: "date-time")),
            ("next_cursor", S.string),
        ], optional: ["next_cursor"],
           description: "`total_count` counts every match; `next_cursor` is present when `limit` cut the list."),
        "HierarchyNode": S.object([
            ("issue_key", S.string), ("summary", S.string),
            ("issue_type", S.nullable("string")), ("status", S.nullable("string")),
            ("assignee", S.nullable("string")), ("assignee_name", S.nullable("string")),
            ("children", S.array(S.ref("HierarchyNode"))),
        ]),
        "Hierarchy": S.object([
            ("hierarchy", S.array(S.ref("HierarchyNode"))),
            ("total_count", S.integer),
            ("harvested_at", S.nullable("string", format: "date-time")),
        ], description: "`total_count` counts every node in the trees."),
        "Issue": issueSchema,
        "ReloadAccepted": S.object([
            ("reload_id", S.integer), ("reload_started", S.boolean), ("status", S.enumeration(["queued"])),
        ], description: "`reload_started` is true when the API also started the harvester (harvest.start_command)."),
        "ReloadRequest": S.object([
            ("reload_id", S.integer),
            ("status", S.enumeration(["queued", "running", "completed", "failed", "cancelled"])),
            ("requested_at", S.dateTime), ("requested_by", S.nullable("string")), ("force", S.boolean),
            ("started_at", S.nullable("string", format: "date-time")),
            ("completed_at", S.nullable("string", format: "date-time")),
            ("run_id", S.nullable("integer")), ("records_processed", S.integer), ("issues_deleted", S.integer),
            ("error_message", S.nullable("string")),
        ]),
        "ReloadList": S.object([("reloads", S.array(S.ref("ReloadRequest"))), ("total_count", S.integer)]),
        "HarvestRun": S.object(harvestRunProperties),
        "HarvestRunDetail": S.object(harvestRunProperties + [("errors", S.array(S.ref("HarvestError")))]),
        "HarvestError": S.object([
            ("id", S.integer), ("source", S.enumeration(["jira", "github", "database", "internal"])),
            ("item_key", S.nullable("string")), ("reason", S.string), ("http_status", S.nullable("integer")),
            ("attempts", S.integer), ("occurred_at", S.dateTime),
        ]),
        "HarvestRunList": S.object([("runs", S.array(S.ref("HarvestRun"))), ("total_count", S.integer)]),
        "Anomaly": S.object([
            ("id", S.integer), ("kind", S.string), ("issue_key", S.string),
            ("status", S.enumeration(["open", "resolved"])), ("first_seen", S.dateTime), ("last_seen", S.dateTime),
            ("resolved_at", S.nullable("string", format: "date-time")), ("occurrences", S.integer),
            ("details", ["type": "object"]),
        ]),
        "AnomalyList": S.object([("anomalies", S.array(S.ref("Anomaly"))), ("total_count", S.integer)]),
        "AnomalySummary": S.object([
            ("by_kind", S.array(S.object([("kind", S.string), ("open", S.integer), ("resolved", S.integer)]))),
            ("open", S.integer), ("resolved", S.integer),
        ]),
        "Release": S.object([
            ("name", S.string), ("released", S.boolean), ("release_date", S.nullable("string", format: "date")),
            ("projects", S.array(S.string)), ("issue_count", S.integer),
        ]),
        "ReleaseList": S.object([("releases", S.array(S.ref("Release"))), ("total_count", S.integer)]),
        "ReleaseDetail": S.object([
            ("name", S.string),
            ("versions", S.array(S.object([("project_key", S.string), ("version_id", S.nullable("string")),
                                           ("released", S.boolean), ("release_date", S.nullable("string", format: "date"))]))),
            ("issue_count", S.integer),
            ("counts", S.object([("by_status", ["type": "object"]), ("by_type", ["type": "object"]), ("by_via", ["type": "object"])])),
            ("issues", S.array(S.object([
                ("issue_key", S.string), ("summary", S.string), ("status", S.nullable("string")),
                ("status_category", S.nullable("string")), ("issue_type_id", S.integer), ("issue_type", S.nullable("string")),
                ("assignee_member_id", S.nullable("string")), ("via", S.enumeration(["fix_version", "label", "parent"])),
            ]))),
            ("anomalies", S.array(S.object([("kind", S.string), ("issue_key", S.string), ("first_seen", S.dateTime)]))),
        ]),
        "IssueTransitions": S.object([
            ("issue_key", S.string), ("source", S.string),
            ("history", S.object([("complete", S.boolean), ("reason", S.nullable("string")),
                                  ("entries", S.nullable("integer")), ("fetched_at", S.nullable("string", format: "date-time"))])),
            ("problems", S.stringArray),
            ("transitions", S.array(S.object([
                ("changelog_id", S.string), ("field", S.enumeration(["status", "assignee"])), ("changed_at", S.dateTime),
                ("author", S.nullable("string")), ("from", S.nullable("string")), ("to", S.nullable("string")),
                ("from_id", S.nullable("string")), ("to_id", S.nullable("string")),
                ("from_category", S.nullable("string")), ("to_category", S.nullable("string")),
                ("origin", S.enumeration(["harvest", "webhook"])),
            ]))),
        ], description: "`problems`: why the issue's flow figures cannot be trusted (codes of docs/flow.md), empty when they can."),
        "FlowDistribution": S.object([
            ("count", S.integer), ("denominator", S.integer),
            ("p50", S.nullable("number")), ("p85", S.nullable("number")), ("p95", S.nullable("number")),
        ], description: "Seconds, nearest rank over the trusted done issues with the figure (`count`); `denominator` is `done`."),
        "FlowSummary": S.object([
            ("percentile_method", S.enumeration(["nearest-rank"])),
            ("from", S.nullable("string", format: "date-time")), ("to", S.nullable("string", format: "date-time")),
            ("done", S.integer), ("cycle", S.ref("FlowDistribution")), ("lead", S.ref("FlowDistribution")),
            ("throughput", ["type": "object", "additionalProperties": S.integer]),
            ("wip", S.integer),
            ("time_in_status", ["type": "object", "additionalProperties": S.object([("seconds", ["type": "number"]),
                                                                                      ("issues", S.integer)])]),
            ("untrusted_count", S.integer),
            ("untrusted", S.array(S.object([("issue_key", S.string), ("problems", S.stringArray)]))),
        ], description: "`throughput`: done issues per ISO week of done_at (`2026-W10`); `wip`: issues in progress now (the window does not apply); `untrusted`: every selected issue whose history is incomplete or contradictory, whatever its dates."),
    ]

    static let harvestRunProperties: [(String, JSONValue)] = [
        ("id", S.integer), ("kind", S.enumeration(["scheduled", "manual", "automatic"])), ("trigger", S.nullable("string")),
        ("full_reload", S.boolean), ("status", S.enumeration(["running", "completed", "partial", "failed"])),
        ("started_at", S.dateTime), ("finished_at", S.nullable("string", format: "date-time")),
        ("heartbeat_at", S.dateTime), ("host", S.nullable("string")), ("pid", S.nullable("integer")),
        ("fetched", S.integer), ("inserted", S.integer), ("updated", S.integer), ("unchanged", S.integer),
        ("deleted", S.integer), ("failed", S.integer), ("anomalies_new", S.integer),
        ("anomalies_resolved", S.integer), ("anomalies_open", S.integer),
        ("cursors", ["type": "object", "additionalProperties": S.string]),
        ("error_message", S.nullable("string")), ("error_count", S.integer),
        ("slack_messages_fetched", S.integer), ("slack_messages_written", S.integer), ("slack_messages_deleted", S.integer),
        ("slack_messages_pruned", S.integer), ("slack_channels_skipped", S.integer),
        ("deliveries_pruned", S.integer), ("pushes_pruned", S.integer),
    ]

    static let issueSchema = S.object([
        ("issue_key", S.string), ("source", S.enumeration(["jira", "github"])), ("summary", S.string),
        ("status", S.nullable("string")), ("status_category", S.nullable("string")),
        ("issue_type", S.object([("id", S.integer), ("name", S.nullable("string"))])),
        ("upstream_issue_type", S.nullable("string")),
        ("parent_key", S.nullable("string")), ("epic_key", S.nullable("string")),
        ("assignee", S.nullable("string")),
        ("assignee_member", ["oneOf": [
            S.object([("id", S.string), ("name", S.string), ("jira_id", S.nullable("string")),
                      ("github_id", S.nullable("string"))]),
            ["type": "null"],
        ]]),
        ("labels", S.stringArray), ("fix_versions", S.stringArray), ("url", S.nullable("string")),
        ("created_at", S.nullable("string", format: "date-time")), ("updated_at", S.dateTime),
        ("resolved_at", S.nullable("string", format: "date-time")), ("harvested_at", S.dateTime),
        ("changed_by", S.enumeration(["harvest", "webhook"])), ("changed_at", S.dateTime),
        ("parent", ["oneOf": [
            S.object([("issue_key", S.string), ("summary", S.string), ("status", S.nullable("string")),
                      ("issue_type", S.nullable("string"))]),
            ["type": "null"],
        ]]),
        ("children", S.stringArray),
        ("anomalies", S.array(S.object([
            ("kind", S.string), ("first_seen", S.dateTime), ("last_seen", S.dateTime),
            ("occurrences", S.integer), ("details", ["type": "object"]),
        ]))),
    ], description: "One issue with its normalized fields, its parent, its children's keys and its open anomalies.")
}
