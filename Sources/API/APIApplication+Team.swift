import FoundationEssentials
import JSON
import WorkSupportCore
import WorkSupportStore

/// The team questions of docs/collaboration.md: `GET /api/team/reviews`, `/quiet`, `/owners`,
/// `/graph`, each over the window `since` (default 30 days) up to now. Read-only.
extension APIApplication {
    static let teamQuestions = ["reviews", "quiet", "owners", "graph"]

    func team(question: String, _ query: QueryParameters) throws(APIError) -> APIResponse {
        guard Self.teamQuestions.contains(question) else {
            throw APIError(.notFound, "no team question '\(question.prefix(60))'; ask one of \(Self.teamQuestions.joined(separator: ", "))")
        }
        let now = Date()
        let sinceText = try query.single("since")
        guard let since = TeamWindowStart.parse(sinceText, now: now) else {
            throw APIError.invalid("since", "must be \(TeamWindowStart.help), in the past and at most \(TeamWindowStart.maxDays) days back; got '\(sinceText?.prefix(40) ?? "")'")
        }
        let window = TeamWindow(since: since, until: now)
        switch question {
        case "reviews":
            let inputs = try reads.run { connection throws(StoreError) in try TeamGraphQueries(connection: connection).reviewInputs(window) }
            let report = ReviewCentralityReport(edges: inputs.edges, members: inputs.members.map { ($0.id, $0.name) })
            return .json(TeamReviewsDocument.json(report, window: window))
        case "quiet":
            return .json(databaseText: try reads.run { connection throws(StoreError) in try TeamGraphQueries(connection: connection).quietJSON(window) })
        case "owners":
            return .json(databaseText: try reads.run { connection throws(StoreError) in try TeamGraphQueries(connection: connection).ownersJSON(window) })
        default:
            let rows = try reads.run { connection throws(StoreError) in try TeamGraphQueries(connection: connection).graph(window) }
            return APIResponse(status: 200, headers: [APIResponse.jsonContentType], body: TeamGraphDocument(rows: rows, window: window).bytes())
        }
    }
}

/// `GET /api/team/reviews` as JSON (shape: OpenAPI `TeamReviews`).
enum TeamReviewsDocument {
    static func json(_ report: ReviewCentralityReport, window: TeamWindow) -> JSONValue {
        let people: [JSONValue] = report.people.map { person in
            ["id": .string(person.id), "name": person.name.map { .string($0) } ?? .null, "member": .bool(person.isMember),
             "reviews_given": .int(Int64(person.reviewsGiven)), "reviews_received": .int(Int64(person.reviewsReceived)),
             "distinct_authors_reviewed": .int(Int64(person.distinctAuthorsReviewed)),
             "weighted_degree": .int(Int64(person.weightedDegree)), "pagerank": .double(person.pageRank),
             "betweenness": .double(person.betweenness), "betweenness_normalized": .double(person.betweennessNormalized)]
        }
        let edges: [JSONValue] = report.edges.map {
            ["reviewer": .string($0.reviewer), "author": .string($0.author), "reviews": .int(Int64($0.reviews))]
        }
        return [
            "since": .string(RFC3339Text.utc(window.since)), "until": .string(RFC3339Text.utc(window.until)),
            "reviews": .int(Int64(report.reviews)), "people_count": .int(Int64(report.people.count)),
            "edge_count": .int(Int64(report.edges.count)),
            "method": [
                "edges": "reviewer -> pull request author, weight = reviews submitted in the window; self-reviews and bots excluded",
                "pagerank": ["damping": .double(ReviewCentralityReport.damping), "tolerance": .double(ReviewCentralityReport.tolerance),
                             "iterations": .int(Int64(report.pageRankIterations)), "weighted": true,
                             "dangling": "rank of people who reviewed nobody is spread evenly over everyone"],
                "betweenness": ["algorithm": "brandes", "exact": true, "directed": true, "weighted": false,
                                "normalized_by": "(n-1)(n-2)"],
            ],
            "people": .array(people), "edges": .array(edges),
        ]
    }
}
