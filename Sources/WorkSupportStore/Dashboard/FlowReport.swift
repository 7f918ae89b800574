import JSON
import Postgres

/// What `/ui/flow` shows: the summary of `GET /api/flow` for the same filters (read by the same
/// statement, so the figures are the API's), plus per ISO week the percentiles and a cycle-time
/// histogram. Seconds throughout.
public struct FlowReport: Sendable, Equatable {
    public struct Percentiles: Sendable, Equatable {
        public var count: Int
        public var p50: Double?
        public var p85: Double?
        public var p95: Double?

        public init(count: Int, p50: Double?, p85: Double?, p95: Double?) {
            self.count = count
            self.p50 = p50
            self.p85 = p85
            self.p95 = p95
        }
    }

    public struct StatusTime: Sendable, Equatable {
        public var status: String
        public var seconds: Double
        public var issues: Int

        public init(status: String, seconds: Double, issues: Int) {
            self.status = status
            self.seconds = seconds
            self.issues = issues
        }
    }

    public struct Untrusted: Sendable, Equatable {
        public var issueKey: String
        public var problems: [String]

        public init(issueKey: String, problems: [String]) {
            self.issueKey = issueKey
            self.problems = problems
        }
    }

    /// One ISO week of `done_at`: done issues, and the percentiles of its trusted ones.
    /// Without a window start, only the last `recentWeeks` weeks.
    public struct Week: Sendable, Equatable {
        public var week: String
        public var done: Int
        public var cycle: Percentiles
        public var lead: Percentiles

        public init(week: String, done: Int, cycle: Percentiles, lead: Percentiles) {
            self.week = week
            self.done = done
            self.cycle = cycle
            self.lead = lead
        }
    }

    /// Trusted done issues whose cycle time is in `[lowerSeconds, upperSeconds)` (nil: no bound).
    public struct Bin: Sendable, Equatable {
        public var label: String
        public var lowerSeconds: Double
        public var upperSeconds: Double?
        public var count: Int

        public init(label: String, lowerSeconds: Double, upperSeconds: Double?, count: Int) {
            self.label = label
            self.lowerSeconds = lowerSeconds
            self.upperSeconds = upperSeconds
            self.count = count
        }
    }

    public var done: Int
    public var cycle: Percentiles
    public var lead: Percentiles
    /// Week → done, oldest first.
    public var throughput: [(week: String, done: Int)]
    public var workInProgress: Int
    public var timeInStatus: [StatusTime]
    public var untrustedCount: Int
    public var untrusted: [Untrusted]
    public var weeks: [Week]
    public var cycleHistogram: [Bin]

    public init(done: Int, cycle: Percentiles, lead: Percentiles, throughput: [(week: String, done: Int)], workInProgress: Int,
                timeInStatus: [StatusTime], untrustedCount: Int, untrusted: [Untrusted], weeks: [Week], cycleHistogram: [Bin]) {
        self.done = done
        self.cycle = cycle
        self.lead = lead
        self.throughput = throughput
        self.workInProgress = workInProgress
        self.timeInStatus = timeInStatus
        self.untrustedCount = untrustedCount
        self.untrusted = untrusted
        self.weeks = weeks
        self.cycleHistogram = cycleHistogram
    }

    public static func == (left: FlowReport, right: FlowReport) -> Bool {
        left.done == right.done && left.cycle == right.cycle && left.lead == right.lead
            && left.throughput.map(\.week) == right.throughput.map(\.week) && left.throughput.map(\.done) == right.throughput.map(\.done)
            && left.workInProgress == right.workInProgress && left.timeInStatus == right.timeInStatus
            && left.untrustedCount == right.untrustedCount && left.untrusted == right.untrusted
            && left.weeks == right.weeks && left.cycleHistogram == right.cycleHistogram
    }

    /// Weeks of percentiles the page shows when the window has no start.
    public static let recentWeeks = 26

    /// The bins of the cycle-time histogram: under a day, then doubling.
    public static let binEdges: [(label: String, seconds: Double)] = [
        ("< 1 d", 0), ("1–2 d", 86_400), ("2–4 d", 172_800), ("4–7 d", 345_600), ("1–2 w", 604_800),
        ("2–4 w", 1_209_600), ("4–8 w", 2_419_200), ("≥ 8 w", 4_838_400),
    ]
}

extension FlowReport.Percentiles {
    init(_ value: JSONValue?) {
        self.init(count: value?["count"]?.intValue ?? 0, p50: value?["p50"]?.doubleValue,
                  p85: value?["p85"]?.doubleValue, p95: value?["p95"]?.doubleValue)
    }
}

extension FlowQueries {
    /// The report of `/ui/flow` in one snapshot.
    public func report(_ filter: FlowFilter) throws(StoreError) -> FlowReport {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { _ in
                let summary = try JSON.JSONValue.parse(try summaryJSON(filter))
                var weeks: [FlowReport.Week] = []
                var bins = FlowReport.binEdges.enumerated().map { index, edge in
                    FlowReport.Bin(label: edge.label, lowerSeconds: edge.seconds,
                                   upperSeconds: index + 1 < FlowReport.binEdges.count ? FlowReport.binEdges[index + 1].seconds : nil,
                                   count: 0)
                }
                let parameters = try issueParameters(filter) + [FlowReport.binEdges.map(\.seconds)]
                let document = try JSON.JSONValue.parse(try connection.run(Self.weekly, parameters)[0].get("body", as: String.self))
                for week in document["weeks"]?.arrayValue ?? [] {
                    weeks.append(FlowReport.Week(week: week["week"]?.stringValue ?? "", done: week["done"]?.intValue ?? 0,
                                                 cycle: .init(week["cycle"]), lead: .init(week["lead"])))
                }
                for bin in document["bins"]?.arrayValue ?? [] {
                    if let index = bin["bin"]?.intValue, bins.indices.contains(index - 1) {
                        bins[index - 1].count = bin["n"]?.intValue ?? 0
                    }
                }
                return FlowReport(
                    done: summary["done"]?.intValue ?? 0, cycle: .init(summary["cycle"]), lead: .init(summary["lead"]),
                    throughput: (summary["throughput"]?.objectValue ?? [:]).map { ($0.key, $0.value.intValue ?? 0) },
                    workInProgress: summary["wip"]?.intValue ?? 0,
                    timeInStatus: (summary["time_in_status"]?.objectValue ?? [:]).map {
                        FlowReport.StatusTime(status: $0.key, seconds: $0.value["seconds"]?.doubleValue ?? 0,
                                              issues: $0.value["issues"]?.intValue ?? 0)
                    },
                    untrustedCount: summary["untrusted_count"]?.intValue ?? 0,
                    untrusted: (summary["untrusted"]?.arrayValue ?? []).map {
                        FlowReport.Untrusted(issueKey: $0["issue_key"]?.stringValue ?? "",
                                             problems: ($0["problems"]?.arrayValue ?? []).compactMap(\.stringValue))
                    },
                    weeks: weeks, cycleHistogram: bins)
            }
        }
    }

    static let weekly = StoreStatement(name: "ui_flow_weekly", sql: weeklySQL)

    /// Per ISO week of `done_at` in the window (without `from`: the last `recentWeeks` weeks up
    /// to the newest done issue, read through the `done_at` index, so only those weeks' issues
    /// are sorted): done issues and the nearest-rank percentiles of the trusted ones (as the
    /// summary's); and the trusted cycle times of the whole window counted per bin of `$8`
    /// (ascending lower edges, `width_bucket`), read from the cycle index.
    static var weeklySQL: String {
        let join = ""
        let conditions = "AND \(issueConditions("f"))"
        return """
            WITH since AS MATERIALIZED (
                SELECT coalesce($5::timestamptz, (date_trunc('week', max(f.done_at) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
                                                 - interval '\(FlowReport.recentWeeks - 1) weeks') AS at
                FROM issue_flow_figures f \(join)
                WHERE f.done_at IS NOT NULL AND \(window("f.done_at")) \(conditions)
            ), weeks AS (
                SELECT f.done_week, count(*) AS done,
                       array_agg(f.cycle_seconds ORDER BY f.cycle_seconds)
                           FILTER (WHERE f.cycle_seconds IS NOT NULL AND f.problems = '{}') AS cycles,
                       array_agg(f.lead_seconds ORDER BY f.lead_seconds)
                           FILTER (WHERE f.lead_seconds IS NOT NULL AND f.problems = '{}') AS leads
                FROM issue_flow_figures f \(join)
                WHERE f.done_at IS NOT NULL AND \(window("f.done_at")) AND f.done_at >= (SELECT at FROM since) \(conditions)
                GROUP BY f.done_week
            )
            SELECT json_build_object(
                'weeks', (SELECT coalesce(json_agg(json_build_object(
                              'week', done_week, 'done', done,
                              'cycle', \(weekDistribution("cycles")), 'lead', \(weekDistribution("leads")))
                              ORDER BY done_week), '[]'::json) FROM weeks),
                'bins', (SELECT coalesce(json_agg(json_build_object('bin', bin, 'n', n) ORDER BY bin), '[]'::json) FROM (
                    SELECT width_bucket(f.cycle_seconds, $8::float8[]) AS bin, count(*) AS n
                    FROM issue_flow_figures f \(join)
                    WHERE f.problems = '{}' AND f.done_at IS NOT NULL AND f.cycle_seconds IS NOT NULL
                      AND \(window("f.done_at")) \(conditions)
                    GROUP BY 1) b)
            )::text AS body
            """
    }

    static func weekDistribution(_ values: String) -> String {
        let ranks = [50, 85, 95].map { "'p\($0)', \(values)[greatest(1, (\($0) * cardinality(\(values)) + 99) / 100)]" }
        return "json_build_object('count', coalesce(cardinality(\(values)), 0), \(ranks.joined(separator: ", ")))"
    }
}
