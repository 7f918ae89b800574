#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import WorkSupportCore

/// What `/ui/team` shows: the figures of `GET /api/team/reviews`, `/quiet` and `/owners` for one
/// window, read through the same store functions (definitions: docs/collaboration.md).
public struct TeamPageData: Sendable {
    public struct Person: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var reviewsGiven: Int
        public var reviewsReceived: Int
        public var distinctAuthorsReviewed: Int
        public var weightedDegree: Int
        public var pageRank: Double
        public var betweenness: Double

        public init(id: String, name: String?, reviewsGiven: Int, reviewsReceived: Int, distinctAuthorsReviewed: Int,
                    weightedDegree: Int, pageRank: Double, betweenness: Double) {
            self.id = id
            self.name = name
            self.reviewsGiven = reviewsGiven
            self.reviewsReceived = reviewsReceived
            self.distinctAuthorsReviewed = distinctAuthorsReviewed
            self.weightedDegree = weightedDegree
            self.pageRank = pageRank
            self.betweenness = betweenness
        }
    }

    /// A quiet member (no interaction in the window) or one whose interactions dropped by half.
    public struct QuietMember: Sendable, Equatable {
        public var id: String
        public var name: String
        public var interactions: Int
        public var previous: Int

        public init(id: String, name: String, interactions: Int, previous: Int) {
            self.id = id
            self.name = name
            self.interactions = interactions
            self.previous = previous
        }
    }

    public struct Ticket: Sendable, Equatable {
        public var issueKey: String
        public var summary: String?
        public var status: String?
        public var links: [String]

        public init(issueKey: String, summary: String?, status: String?, links: [String]) {
            self.issueKey = issueKey
            self.summary = summary
            self.status = status
            self.links = links
        }
    }

    public struct Owner: Sendable, Equatable {
        public var id: String
        public var name: String
        public var tickets: [Ticket]

        public init(id: String, name: String, tickets: [Ticket]) {
            self.id = id
            self.name = name
            self.tickets = tickets
        }
    }

    public var since: String
    public var until: String
    public var reviews: Int
    /// Highest PageRank first, as the API lists them.
    public var people: [Person]
    public var edges: [ReviewGraph.Edge]
    public var quiet: [QuietMember]
    public var dropped: [QuietMember]
    public var owners: [Owner]

    public init(since: String, until: String, reviews: Int, people: [Person], edges: [ReviewGraph.Edge],
                quiet: [QuietMember], dropped: [QuietMember], owners: [Owner]) {
        self.since = since
        self.until = until
        self.reviews = reviews
        self.people = people
        self.edges = edges
        self.quiet = quiet
        self.dropped = dropped
        self.owners = owners
    }
}

/// `/ui/team`: a `since` form, the review graph drawn, the reviews table, quiet members and
/// product owners with their current tickets.
public enum TeamPage {
    public static let path = "/ui/team"

    public static func render(_ data: TeamPageData, since: String?, notices: [DashboardNotice], viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Team", section: .team, viewer: viewer, notices: notices) { html in
            html.open("form", [("method", "get"), ("action", path), ("class", "filters")])
            html.raw("<label>since")
            html.open("input", [("name", "since"), ("value", since ?? ""), ("placeholder", "30d, YYYY-MM-DD or RFC 3339")])
            html.raw("</label><button type=\"submit\">Show</button></form>")
            html.element("p", [("class", "muted"), ("id", "team-window")], text: "From \(data.since) to \(data.until).")

            html.element("h2", text: "Reviews (\(data.reviews))")
            ReviewGraphSVG(people: data.people, edges: data.edges).write(into: &html)
            reviewsTable(data.people, into: &html)

            html.element("h2", text: "Quiet members (\(data.quiet.count))")
            if data.quiet.isEmpty {
                html.element("p", [("class", "muted")], text: "Every member took part in an interaction in the window.")
            } else {
                quietTable(data.quiet, id: "team-quiet", ratio: false, into: &html)
            }
            html.element("h2", text: "Dropped by half or more (\(data.dropped.count))")
            if data.dropped.isEmpty {
                html.element("p", [("class", "muted")], text: "No member's interactions fell below half of the window before.")
            } else {
                quietTable(data.dropped, id: "team-dropped", ratio: true, into: &html)
            }

            html.element("h2", text: "Product owners")
            owners(data.owners, into: &html)
        }
    }

    static func reviewsTable(_ people: [TeamPageData.Person], into html: inout HTML) {
        html.raw("<table id=\"team-reviews\" class=\"sortable\"><thead><tr><th>person</th><th class=\"num\">given</th>")
        html.raw("<th class=\"num\">received</th><th class=\"num\">distinct authors</th><th class=\"num\">weighted degree</th>")
        html.raw("<th class=\"num\">PageRank</th><th class=\"num\">betweenness</th></tr></thead><tbody>")
        for person in people {
            html.element("tr", [("data-person", person.id)]) { row in
                row.element("td", text: person.name.map { "\($0) (\(person.id))" } ?? person.id)
                for (name, value) in [("given", person.reviewsGiven), ("received", person.reviewsReceived),
                                      ("distinct", person.distinctAuthorsReviewed), ("degree", person.weightedDegree)] {
                    row.element("td", [("class", "num"), ("data-figure", name)], text: String(value))
                }
                row.element("td", [("class", "num"), ("data-figure", "pagerank"), ("data-value", String(person.pageRank))],
                            text: decimals(person.pageRank, 4))
                row.element("td", [("class", "num"), ("data-figure", "betweenness"), ("data-value", String(person.betweenness))],
                            text: decimals(person.betweenness, 1))
            }
        }
        html.raw("</tbody></table>")
    }

    static func quietTable(_ members: [TeamPageData.QuietMember], id: String, ratio: Bool, into html: inout HTML) {
        html.open("table", [("id", id)])
        html.raw("<thead><tr><th>member</th><th class=\"num\">interactions</th><th class=\"num\">window before</th></tr></thead><tbody>")
        for member in members {
            html.element("tr", [("data-member", member.id)]) { row in
                row.element("td", text: "\(member.name) (\(member.id))")
                row.element("td", [("class", "num")], text: String(member.interactions))
                row.element("td", [("class", "num")], text: String(member.previous))
            }
        }
        html.raw("</tbody></table>")
    }

    static func owners(_ owners: [TeamPageData.Owner], into html: inout HTML) {
        let idle = owners.filter(\.tickets.isEmpty)
        html.open("p", [("id", "team-owners-idle")])
        if owners.isEmpty {
            html.text("No member has the role po (team.member.<id>.role=po).")
        } else if idle.isEmpty {
            html.text("Every product owner has a current ticket.")
        } else {
            html.text("Without a current ticket (\(idle.count)): " + idle.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
        }
        html.close("p")
        for owner in owners where !owner.tickets.isEmpty {
            html.element("h3", text: "\(owner.name) (\(owner.id)): \(owner.tickets.count)")
            html.open("table", [("data-owner", owner.id)])
            html.raw("<thead><tr><th>issue</th><th>summary</th><th>status</th><th>linked by</th></tr></thead><tbody>")
            for ticket in owner.tickets {
                html.element("tr") { row in
                    row.element("td") { $0.link(DashboardPath.issue(ticket.issueKey), text: ticket.issueKey) }
                    row.element("td", text: ticket.summary ?? "")
                    row.element("td", text: ticket.status ?? "")
                    row.element("td", text: ticket.links.joined(separator: ", "))
                }
            }
            html.raw("</tbody></table>")
        }
    }

    /// `value` with `places` decimals (no Foundation formatting in the worker).
    static func decimals(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return String(value) }
        guard places > 0 else { return String(Int(value.rounded())) }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return (value < 0 && scaled > 0 ? "-" : "") + "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}

/// The review graph as inline SVG: people on a circle, an arrow reviewer → author per pair whose
/// width grows with the reviews; `<desc>` lists every edge for screen readers.
struct ReviewGraphSVG {
    let people: [TeamPageData.Person]
    let edges: [ReviewGraph.Edge]

    static let size = 560, radius = 220.0, nodeRadius = 9.0

    func write(into html: inout HTML) {
        let id = "team-graph"
        let center = Double(Self.size) / 2
        // Sorted by id so that the drawing does not move when the ranking changes.
        let ids = people.map(\.id).sorted()
        var position: [String: (x: Double, y: Double)] = [:]
        for (index, id) in ids.enumerated() {
            let angle = 2 * Double.pi * Double(index) / Double(max(ids.count, 1)) - Double.pi / 2
            position[id] = (center + Self.radius * cos(angle), center + Self.radius * sin(angle))
        }
        html.open("svg", [("class", "chart graph"), ("role", "img"), ("viewBox", "0 0 \(Self.size) \(Self.size)"),
                          ("width", String(Self.size)), ("height", String(Self.size)),
                          ("aria-labelledby", "\(id)-title \(id)-desc"), ("xmlns", "http://www.w3.org/2000/svg")])
        html.element("title", [("id", "\(id)-title")], text: "Review graph: reviewer → pull request author, width by reviews")
        html.element("desc", [("id", "\(id)-desc")],
                     text: edges.isEmpty ? "no reviews in the window"
                         : edges.map { "\($0.reviewer) reviewed \($0.author): \($0.reviews)" }.joined(separator: "; "))
        html.raw("<defs><marker id=\"team-graph-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\"><path class=\"arrow\" d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>")
        let most = max(edges.map(\.reviews).max() ?? 1, 1)
        for edge in edges {
            guard let from = position[edge.reviewer], let to = position[edge.author], edge.reviewer != edge.author else { continue }
            let dx = to.x - from.x, dy = to.y - from.y
            let length = max((dx * dx + dy * dy).squareRoot(), 1)
            // Stop at the author's circle so the arrow head stays visible.
            let end = (x: to.x - dx / length * (Self.nodeRadius + 2), y: to.y - dy / length * (Self.nodeRadius + 2))
            let width = 0.5 + 4.5 * Double(edge.reviews) / Double(most)
            html.open("line", [("class", "edge"), ("x1", Self.coordinate(from.x)), ("y1", Self.coordinate(from.y)),
                               ("x2", Self.coordinate(end.x)), ("y2", Self.coordinate(end.y)),
                               ("stroke-width", TeamPage.decimals(width, 1)), ("marker-end", "url(#team-graph-arrow)"),
                               ("data-reviewer", edge.reviewer), ("data-author", edge.author), ("data-reviews", String(edge.reviews))])
            html.element("title", text: "\(edge.reviewer) → \(edge.author): \(edge.reviews) reviews")
            html.close("line")
        }
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for id in ids {
            guard let point = position[id] else { continue }
            html.open("g", [("class", "node")])
            html.open("circle", [("cx", Self.coordinate(point.x)), ("cy", Self.coordinate(point.y)), ("r", TeamPage.decimals(Self.nodeRadius, 0))])
            html.element("title", text: (names[id] ?? nil).map { "\($0) (\(id))" } ?? id)
            html.close("circle")
            let outward = (x: point.x - center, y: point.y - center)
            html.element("text", [("x", Self.coordinate(point.x + outward.x * 0.08)), ("y", Self.coordinate(point.y + outward.y * 0.08 + 4)),
                                  ("text-anchor", outward.x < -1 ? "end" : outward.x > 1 ? "start" : "middle")], text: id)
            html.close("g")
        }
        html.close("svg")
    }

    static func coordinate(_ value: Double) -> String { TeamPage.decimals(value, 1) }
}
