/// The review graph of a window: one directed edge reviewer -> pull request author per pair,
/// weighted by how many reviews the reviewer submitted on that author's pull requests. Pure:
/// the store reads the edges, this computes the centralities (docs/collaboration.md).
public struct ReviewGraph: Sendable {
    public struct Edge: Sendable, Hashable {
        public var reviewer: String
        public var author: String
        public var reviews: Int

        public init(reviewer: String, author: String, reviews: Int) {
            self.reviewer = reviewer
            self.author = author
            self.reviews = reviews
        }
    }

    /// Every person named by an edge or passed as a node, sorted, so results do not depend on order.
    public let nodes: [String]
    public let edges: [Edge]
    let index: [String: Int]
    /// out[u] = [(v, weight)], edges merged per pair, self-edges dropped (a self-review is no review).
    let out: [[(Int, Double)]]

    public init(edges: [Edge], extraNodes: [String] = []) {
        var merged: [String: [String: Int]] = [:]
        for edge in edges where edge.reviewer != edge.author && edge.reviews > 0 {
            merged[edge.reviewer, default: [:]][edge.author, default: 0] += edge.reviews
        }
        var names = Set(extraNodes)
        for (reviewer, authors) in merged {
            names.insert(reviewer)
            names.formUnion(authors.keys)
        }
        nodes = names.sorted()
        index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        var out = Array(repeating: [(Int, Double)](), count: nodes.count)
        var flat: [Edge] = []
        for reviewer in merged.keys.sorted() {
            for (author, count) in merged[reviewer]!.sorted(by: { $0.key < $1.key }) {
                out[index[reviewer]!].append((index[author]!, Double(count)))
                flat.append(Edge(reviewer: reviewer, author: author, reviews: count))
            }
        }
        self.out = out
        self.edges = flat
    }

    /// Reviews given (out-weight) and received (in-weight) per person.
    public func weightedDegree() -> [String: (given: Int, received: Int)] {
        var result = Dictionary(uniqueKeysWithValues: nodes.map { ($0, (given: 0, received: 0)) })
        for edge in edges {
            result[edge.reviewer]!.given += edge.reviews
            result[edge.author]!.received += edge.reviews
        }
        return result
    }

    public struct PageRank: Sendable {
        public var ranks: [String: Double]
        public var iterations: Int
        /// The L1 change of the last iteration (below the tolerance unless `iterations` hit the cap).
        public var change: Double
    }

    /// Weighted PageRank by power iteration: rank flows along reviewer -> author in proportion
    /// to the edge's reviews; a person who reviewed nobody (dangling) spreads their rank evenly
    /// over everyone. Starts uniform; stops when the L1 change of one step is below `tolerance`.
    public func pageRank(damping: Double = 0.85, tolerance: Double = 1e-10, maxIterations: Int = 1000) -> PageRank {
        let n = nodes.count
        guard n > 0 else { return PageRank(ranks: [:], iterations: 0, change: 0) }
        let outWeight = out.map { $0.reduce(0) { $0 + $1.1 } }
        var rank = Array(repeating: 1.0 / Double(n), count: n)
        var iterations = 0
        var change = Double.infinity
        while change >= tolerance && iterations < maxIterations {
            var dangling = 0.0
            for u in 0..<n where outWeight[u] == 0 { dangling += rank[u] }
            let base = (1 - damping) / Double(n) + damping * dangling / Double(n)
            var next = Array(repeating: base, count: n)
            for u in 0..<n where outWeight[u] > 0 {
                let share = damping * rank[u] / outWeight[u]
                for (v, weight) in out[u] { next[v] += share * weight }
            }
            change = zip(rank, next).reduce(0) { $0 + abs($1.0 - $1.1) }
            rank = next
            iterations += 1
        }
        return PageRank(ranks: Dictionary(uniqueKeysWithValues: zip(nodes, rank)), iterations: iterations, change: change)
    }

    /// Exact betweenness by Brandes' algorithm on the directed, unweighted graph (a path's length
    /// is its number of edges; review counts do not shorten it): for every ordered pair (s, t),
    /// each person strictly between them gets the share of shortest s -> t paths through them.
    /// Not normalized; divide by (n-1)(n-2) for the directed normalized value.
    public func betweenness() -> [String: Double] {
        let n = nodes.count
        var centrality = Array(repeating: 0.0, count: n)
        var sigma = Array(repeating: 0.0, count: n)
        var distance = Array(repeating: -1, count: n)
        var delta = Array(repeating: 0.0, count: n)
        var predecessors = Array(repeating: [Int](), count: n)
        var queue: [Int] = []
        var stack: [Int] = []
        queue.reserveCapacity(n)
        stack.reserveCapacity(n)
        for s in 0..<n {
            for i in 0..<n {
                sigma[i] = 0
                distance[i] = -1
                delta[i] = 0
                predecessors[i].removeAll(keepingCapacity: true)
            }
            sigma[s] = 1
            distance[s] = 0
            queue.removeAll(keepingCapacity: true)
            stack.removeAll(keepingCapacity: true)
            queue.append(s)
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                stack.append(v)
                for (w, _) in out[v] {
                    if distance[w] < 0 {
                        distance[w] = distance[v] + 1
                        queue.append(w)
                    }
                    if distance[w] == distance[v] + 1 {
                        sigma[w] += sigma[v]
                        predecessors[w].append(v)
                    }
                }
            }
            while let w = stack.popLast() {
                for v in predecessors[w] { delta[v] += sigma[v] / sigma[w] * (1 + delta[w]) }
                if w != s { centrality[w] += delta[w] }
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(nodes, centrality))
    }
}
