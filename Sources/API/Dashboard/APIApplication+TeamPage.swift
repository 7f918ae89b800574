import Dashboard
import FoundationEssentials
import JSON
import WorkSupportCore
import WorkSupportStore

/// `/ui/team`: the store reads of `GET /api/team/reviews`, `/quiet` and `/owners` for one window,
/// so every figure is the API's. A `since` the API would refuse is named on the page and the
/// default window shown instead.
extension APIApplication {
    func teamPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["since"])
        let now = Date()
        var sinceText = query.value("since")
        var since = TeamWindowStart.parse(sinceText, now: now)
        if since == nil {
            query.note("since must be \(TeamWindowStart.help), in the past and at most \(TeamWindowStart.maxDays) days back; got '\(sinceText?.prefix(40) ?? "")'; the last \(TeamWindowStart.defaultDays) days are shown.")
            sinceText = nil
            since = TeamWindowStart.parse(nil, now: now)
        }
        let window = TeamWindow(since: since ?? now, until: now)
        let (inputs, quietText, ownersText) = try reads.run { connection throws(StoreError) in
            let queries = TeamGraphQueries(connection: connection)
            return (try queries.reviewInputs(window), try queries.quietJSON(window), try queries.ownersJSON(window))
        }
        let report = ReviewCentralityReport(edges: inputs.edges, members: inputs.members.map { ($0.id, $0.name) })
        let quiet = (try? JSONValue.parse(quietText)) ?? .null
        let owners = (try? JSONValue.parse(ownersText)) ?? .null
        let data = TeamPageData(
            since: RFC3339Text.utc(window.since), until: RFC3339Text.utc(window.until), reviews: report.reviews,
            people: report.people.map {
                .init(id: $0.id, name: $0.name, reviewsGiven: $0.reviewsGiven, reviewsReceived: $0.reviewsReceived,
                      distinctAuthorsReviewed: $0.distinctAuthorsReviewed, weightedDegree: $0.weightedDegree,
                      pageRank: $0.pageRank, betweenness: $0.betweenness)
            },
            edges: report.edges,
            quiet: Self.quietMembers(quiet["quiet"]), dropped: Self.quietMembers(quiet["dropped"]),
            owners: (owners["owners"]?.arrayValue ?? []).map { owner in
                TeamPageData.Owner(
                    id: owner["id"]?.stringValue ?? "", name: owner["name"]?.stringValue ?? "",
                    tickets: (owner["tickets"]?.arrayValue ?? []).map { ticket in
                        TeamPageData.Ticket(issueKey: ticket["issue_key"]?.stringValue ?? "", summary: ticket["summary"]?.stringValue,
                                            status: ticket["status"]?.stringValue,
                                            links: (ticket["links"]?.arrayValue ?? []).compactMap(\.stringValue))
                    })
            })
        return .html(TeamPage.render(data, since: sinceText, notices: query.notices, viewer: viewer))
    }

    /// The `quiet` or `dropped` list of `GET /api/team/quiet`.
    static func quietMembers(_ list: JSONValue?) -> [TeamPageData.QuietMember] {
        (list?.arrayValue ?? []).map {
            TeamPageData.QuietMember(id: $0["id"]?.stringValue ?? "", name: $0["name"]?.stringValue ?? "",
                                     interactions: $0["interactions"]?.intValue ?? 0, previous: $0["previous"]?.intValue ?? 0)
        }
    }
}
