import JSON

extension OpenAPIDocument {
    static let limitDescription = "Page size, 1 to 100."

    /// `from` and `to` of `/api/flow`: a day or an RFC 3339 date-time.
    static let dayOrTime: JSONValue = [
        "type": "string", "minLength": 1,
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?$",
    ]

    static let paths: JSONObject = [
        "/health": ["get": operation(
            "getHealth", "Liveness and database check of the write and the read connection; 503 with the reason while either is down.",
            responses: [("200", S.jsonResponse("Healthy", "Health")),
                        ("503", S.jsonResponse("Degraded: the database is unavailable", "Health"))],
            errors: [400], authenticated: false)],
        "/metrics": ["get": operation(
            "getMetrics", "Prometheus text: requests by route and status, latency histogram, database errors.",
            responses: [("200", ["description": "Prometheus text format 0.0.4",
                                 "content": ["text/plain": ["schema": S.string]]])],
            errors: [400], authenticated: false)],
        "/api/openapi.json": ["get": operation(
            "getOpenAPI", "This document.",
            responses: [("200", ["description": "OpenAPI 3.1 document",
                                 "content": ["application/json": ["schema": ["type": "object"]]]])],
            errors: [400], authenticated: false)],
        "/api/issues/keys": ["get": operation(
            "listIssueKeys", "Keys of the issues matching every given filter: in byte order without limit, in the database's collation of issue_key when paged.",
            parameters: [
                S.parameter("source", S.enumeration(["jira", "github"]), "Issue source; repeat for any of several.",
                            repeatable: true),
                S.parameter("assignee", S.nonEmptyString, "Team member id, name, Jira accountId or GitHub login; repeatable.",
                            repeatable: true),
                S.parameter("label", S.nonEmptyString, "A label the issue carries; repeat to require several.", repeatable: true),
                S.parameter("issue_type", S.nonEmptyString, "Issue type name (any case) or id; repeatable.", repeatable: true),
                S.parameter("parent_key", S.nonEmptyString, "Key of the parent issue; repeatable.", repeatable: true),
                S.parameter("status", S.nonEmptyString, "Upstream status name; repeatable.", repeatable: true),
                S.parameter("updated_since", S.dateTime, "Only issues updated at or after this RFC 3339 time."),
                S.parameter("limit", ["type": "integer", "minimum": 1, "maximum": 100],
                            "Page size, 1 to 100; without it every matching key is returned."),
                S.parameter("cursor", ["type": "string", "minLength": 1, "maxLength": 1024, "pattern": "^[A-Za-z0-9_-]+$"],
                            "The `next_cursor` of the previous page, unchanged (any other value is refused)."),
            ],
            responses: [("200", S.jsonResponse("Matching keys", "IssueKeys", links: [
                ("FirstIssue", "getIssue", "key", "$response.body#/issue_keys/0"),
                ("FirstIssueTree", "getIssueHierarchy", "root_key", "$response.body#/issue_keys/0"),
                ("NextPage", "listIssueKeys", "cursor", "$response.body#/next_cursor"),
            ]))], errors: [400])],
        "/api/issues/hierarchy": ["get": operation(
            "getIssueHierarchy", "Issue trees from root issues down to max_depth levels of children; roots and siblings in byte order of their keys.",
            parameters: [
                S.parameter("root_type", S.nonEmptyString,
                            "Type of the root issues, name or id (default \"Product Version\" when root_key is absent)."),
                S.parameter("root_key", S.nonEmptyString, "Only the tree under this issue."),
                S.parameter("max_depth", ["type": "integer", "minimum": 1, "maximum": 10, "default": 5],
                            "Levels of children below the roots, 1 to 10."),
            ],
            responses: [("200", S.jsonResponse("The trees", "Hierarchy"))], errors: [400])],
        "/api/issues/{key}": ["get": operation(
            "getIssue", "One issue with all normalized fields, its parent, children keys and open anomalies.",
            parameters: [S.parameter("key", in: "path", S.nonEmptyString,
                                     "Issue key, percent-encoded (`owner%2Frepo%2312` for owner/repo#12).")],
            responses: [("200", S.jsonResponse("The issue", "Issue"))], errors: [400, 404])],
        "/api/harvest/reload": [
            "post": operation(
                "requestReload", "Queue a full reload; 409 while one is queued or running unless force=true.",
                parameters: [S.parameter("force", S.boolean, "Queue even if a reload is queued or running.")],
                responses: [("202", S.jsonResponse("Queued", "ReloadAccepted",
                                                   headers: ["Location": ["schema": S.string]],
                                                   links: [("QueuedReload", "getReload", "id", "$response.body#/reload_id")]))],
                errors: [400, 409, 413, 415],
                requestBody: [
                    "required": false,
                    "content": [
                        "application/json": ["schema": S.object([("force", S.boolean)], optional: ["force"], closed: true)],
                        "application/x-www-form-urlencoded": ["schema": S.object([("force", S.boolean)],
                                                                                 optional: ["force"], closed: true)],
                    ],
                ]),
            "get": operation(
                "listReloads", "Reload requests, newest first.",
                parameters: [
                    S.parameter("limit", ["type": "integer", "minimum": 1, "maximum": 100, "default": 10], limitDescription),
                    S.parameter("status", S.enumeration(["queued", "running", "completed", "failed", "cancelled"]),
                                "Only requests in this state."),
                ],
                responses: [("200", S.jsonResponse("Reload requests", "ReloadList", links: [
                    ("NewestReload", "getReload", "id", "$response.body#/reloads/0/reload_id"),
                ]))], errors: [400]),
        ],
        "/api/harvest/reload/{id}": ["get": operation(
            "getReload", "One reload request: status, times, records processed, issues deleted, error.",
            parameters: [S.parameter("id", in: "path", S.rowID, "Reload id.")],
            responses: [("200", S.jsonResponse("The reload request", "ReloadRequest"))], errors: [400, 404])],
        "/api/harvest/runs": ["get": operation(
            "listHarvestRuns", "The harvest audit log, newest first.",
            parameters: [
                S.parameter("limit", ["type": "integer", "minimum": 1, "maximum": 100, "default": 20], limitDescription),
                S.parameter("status", S.enumeration(["running", "completed", "partial", "failed"]), "Only runs in this state."),
                S.parameter("kind", S.enumeration(["scheduled", "manual", "automatic"]), "Only runs of this kind."),
            ],
            responses: [("200", S.jsonResponse("Harvest runs", "HarvestRunList", links: [
                ("NewestRun", "getHarvestRun", "id", "$response.body#/runs/0/id"),
            ]))], errors: [400])],
        "/api/harvest/runs/{id}": ["get": operation(
            "getHarvestRun", "One harvest run with its error rows.",
            parameters: [S.parameter("id", in: "path", S.rowID, "Run id.")],
            responses: [("200", S.jsonResponse("The run", "HarvestRunDetail"))], errors: [400, 404])],
        "/api/anomalies": ["get": operation(
            "listAnomalies", "Data-quality findings, most recently seen first.",
            parameters: [
                S.parameter("kind", S.nonEmptyString, "Anomaly kind (unknown_issue_type, orphan_parent, …)."),
                S.parameter("status", S.enumeration(["open", "resolved"]), "Open or resolved only."),
                S.parameter("issue_key", S.nonEmptyString, "Only anomalies of this issue."),
                S.parameter("assignee", S.nonEmptyString, "Only anomalies of issues assigned to this member id, member name, Jira accountId or GitHub login."),
            ],
            responses: [("200", S.jsonResponse("Anomalies", "AnomalyList", links: [
                ("IssueOfFirstAnomaly", "getIssue", "key", "$response.body#/anomalies/0/issue_key"),
            ]))], errors: [400])],
        "/api/anomalies/summary": ["get": operation(
            "anomalySummary", "Anomaly counts by kind and status.",
            parameters: [],
            responses: [("200", S.jsonResponse("Counts", "AnomalySummary"))], errors: [400])],
        "/api/releases": ["get": operation(
            "listReleases", "Releases (Jira project versions, and names release labels give) with their issue counts.",
            parameters: [],
            responses: [("200", S.jsonResponse("Releases", "ReleaseList", links: [
                ("FirstRelease", "getRelease", "name", "$response.body#/releases/0/name"),
            ]))], errors: [400])],
        "/api/releases/{name}": ["get": operation(
            "getRelease", "One release: its issues in byte order of their keys (by fixVersion, else release label, else inherited from the parent), counts by status, type and membership, and the open anomalies of its issues as of the last anomaly pass.",
            parameters: [S.parameter("name", in: "path", ["type": "string", "minLength": 1, "maxLength": 200, "pattern": S.noNUL],
                                     "Release name, e.g. 2026.4, percent-encoded.")],
            responses: [("200", S.jsonResponse("The release", "ReleaseDetail"))], errors: [400, 404])],
        "/api/issues/{key}/transitions": ["get": operation(
            "getIssueTransitions", "The issue's status and assignee changes in history order (Jira's changelog id), with the status categories recorded at harvest time, and whether its history is complete (docs/flow.md).",
            parameters: [S.parameter("key", in: "path", S.nonEmptyString, "Issue key, percent-encoded.")],
            responses: [("200", S.jsonResponse("The history", "IssueTransitions"))], errors: [400, 404])],
        "/api/flow": ["get": operation(
            "getFlow", "Flow over the issues matching every filter (definitions: docs/flow.md): issues done in the window, cycle and lead time percentiles (nearest rank) with their counts, throughput per ISO week, WIP now, time in status, and the issues whose history cannot be trusted with their problem codes.",
            parameters: [
                S.parameter("team", S.boolean, "true: only issues assigned to a configured team member."),
                S.parameter("assignee", S.nonEmptyString, "Team member id, name, Jira accountId or GitHub login; repeatable.",
                            repeatable: true),
                S.parameter("issue_type", S.nonEmptyString, "Issue type name (any case) or id; repeatable.", repeatable: true),
                S.parameter("source", S.enumeration(["jira", "github"]), "Issue source; only Jira issues have a status history.",
                            repeatable: true),
                S.parameter("from", dayOrTime, "Start of the window on done_at (inclusive): RFC 3339 or YYYY-MM-DD (midnight UTC)."),
                S.parameter("to", dayOrTime, "End of the window on done_at (exclusive): RFC 3339 or YYYY-MM-DD; not before from."),
            ],
            responses: [("200", S.jsonResponse("The summary", "FlowSummary"))], errors: [400])],
    ]
}
