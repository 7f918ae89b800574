import JSON

/// The team questions of the OpenAPI document (docs/collaboration.md, "Graph questions").
extension OpenAPIDocument {
    static let teamSince = S.parameter("since", S.nonEmptyString,
                                       "Window start: days back (`30d`), a date (UTC midnight) or an RFC 3339 time; default 30 days. The window ends now.")

    static let teamPerson = S.object([
        ("id", S.string), ("name", ["type": ["string", "null"]]), ("member", S.boolean),
        ("reviews_given", S.integer), ("reviews_received", S.integer), ("distinct_authors_reviewed", S.integer),
        ("weighted_degree", S.integer), ("pagerank", ["type": "number"]), ("betweenness", ["type": "number"]),
        ("betweenness_normalized", ["type": "number"]),
    ], description: "`id` is the member id, or `github:login` for someone who is not a configured member.")

    static let teamReviews = S.object([
        ("since", S.dateTime), ("until", S.dateTime), ("reviews", S.integer), ("people_count", S.integer),
        ("edge_count", S.integer), ("method", ["type": "object"]), ("people", S.array(teamPerson)),
        ("edges", S.array(S.object([("reviewer", S.string), ("author", S.string), ("reviews", S.integer)]))),
    ], description: "Per person review figures and centralities over reviewer -> author edges, highest PageRank first.")

    static let teamActivity = S.object([
        ("id", S.string), ("name", S.string), ("interactions", S.integer), ("previous", S.integer),
        ("ratio", ["type": "number"]),
    ], optional: ["ratio"])

    static let teamQuiet = S.object([
        ("since", S.dateTime), ("until", S.dateTime), ("previous_since", S.dateTime), ("members", S.integer),
        ("quiet_count", S.integer), ("quiet", S.array(teamActivity)),
        ("dropped_count", S.integer), ("dropped", S.array(teamActivity)),
    ], description: "Members with no interaction in the window, and those with some whose count fell below half of the window before.")

    static let teamOwners = S.object([
        ("since", S.dateTime), ("until", S.dateTime), ("owners_count", S.integer), ("without_tickets_count", S.integer),
        ("owners", S.array(S.object([
            ("id", S.string), ("name", S.string), ("ticket_count", S.integer),
            ("tickets", S.array(S.object([("issue_key", S.string), ("summary", S.string), ("status", ["type": ["string", "null"]]),
                                          ("updated_at", S.dateTime), ("links", S.array(S.enumeration(["assigned", "commented", "mentioned"])))]))),
        ]))),
    ], description: "Members with role `po` and their current tickets (not done, updated since `since`); an empty list is named.")

    static let teamGraph = S.object([
        ("since", S.dateTime), ("until", S.dateTime), ("node_count", S.integer), ("edge_count", S.integer),
        ("nodes", S.array(S.object([("label", S.enumeration(["User", "Issue", "Channel"])), ("id", S.string),
                                    ("name", S.string), ("member", S.boolean), ("role", S.string), ("status", S.string)],
                                   optional: ["name", "member", "role", "status"]))),
        ("edges", S.array(S.object([("type", S.enumeration(["ASSIGNED_TO", "REVIEWED", "COMMENTED_ON", "MENTIONED", "REPLIED_TO", "IN_CHANNEL"])),
                                    ("source", S.string), ("target", S.string),
                                    ("target_label", S.enumeration(["User", "Issue", "Channel"])), ("count", S.integer),
                                    ("first", S.dateTime), ("last", S.dateTime)]))),
    ], description: "The window's interactions merged per (type, source, target); sources are always User nodes.")

    static func teamOperation(_ id: String, _ summary: String, _ schema: JSONValue) -> JSONValue {
        ["get": operation(id, summary, parameters: [teamSince],
                          responses: [("200", ["description": "The answer", "content": ["application/json": ["schema": schema]]])],
                          errors: [400])]
    }

    static let teamPaths: [(String, JSONValue)] = [
        ("/api/team/reviews", teamOperation("teamReviews", "Reviews given and received, weighted degree, PageRank and betweenness per person", teamReviews)),
        ("/api/team/quiet", teamOperation("teamQuiet", "Members with no interaction in the window, and those whose interactions fell by more than half", teamQuiet)),
        ("/api/team/owners", teamOperation("teamOwners", "Product owners and the current tickets linked to them", teamOwners)),
        ("/api/team/graph", teamOperation("teamGraph", "The window's collaboration graph: User, Issue and Channel nodes and their edges", teamGraph)),
    ]
}
