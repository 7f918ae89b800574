/// Per person figures of the review graph (docs/collaboration.md, "Graph questions"): reviews
/// given and received, distinct authors reviewed, weighted degree, PageRank and betweenness.
/// Every configured member has a row (zeros when they took no part); people who are not members
/// (`github:login`) have one when an edge names them.
public struct ReviewCentralityReport: Sendable {
    public struct Person: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var isMember: Bool
        public var reviewsGiven: Int
        public var reviewsReceived: Int
        public var distinctAuthorsReviewed: Int
        public var weightedDegree: Int { reviewsGiven + reviewsReceived }
        public var pageRank: Double
        public var betweenness: Double
        /// betweenness / ((n-1)(n-2)), the directed normalization; 0 when n < 3.
        public var betweennessNormalized: Double
    }

    public static let damping = 0.85
    public static let tolerance = 1e-10

    public let people: [Person]
    public let edges: [ReviewGraph.Edge]
    public let pageRankIterations: Int
    public let reviews: Int

    /// `members`: (id, name) of every configured member.
    public init(edges: [ReviewGraph.Edge], members: [(id: String, name: String)]) {
        let graph = ReviewGraph(edges: edges, extraNodes: members.map(\.id))
        let names = Dictionary(members.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let degree = graph.weightedDegree()
        let rank = graph.pageRank(damping: Self.damping, tolerance: Self.tolerance)
        let between = graph.betweenness()
        var authors: [String: Int] = [:]
        for edge in graph.edges { authors[edge.reviewer, default: 0] += 1 }
        let n = Double(graph.nodes.count)
        let scale = n >= 3 ? (n - 1) * (n - 2) : 0
        people = graph.nodes.map { id in
            Person(id: id, name: names[id], isMember: names[id] != nil, reviewsGiven: degree[id]?.given ?? 0,
                   reviewsReceived: degree[id]?.received ?? 0, distinctAuthorsReviewed: authors[id] ?? 0,
                   pageRank: rank.ranks[id] ?? 0, betweenness: between[id] ?? 0,
                   betweennessNormalized: scale > 0 ? (between[id] ?? 0) / scale : 0)
        }.sorted { ($0.pageRank, $1.id) > ($1.pageRank, $0.id) }
        self.edges = graph.edges
        pageRankIterations = rank.iterations
        reviews = graph.edges.reduce(0) { $0 + $1.reviews }
    }
}
