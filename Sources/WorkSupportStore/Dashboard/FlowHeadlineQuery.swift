import FoundationEssentials
import Postgres

/// The overview's flow figures: cycle time over the last `windowDays` days (as `GET /api/flow`
/// with that window gives it), throughput of the last four whole ISO weeks, WIP now and the
/// issues whose figures cannot be trusted. Read in one statement through the figures' indexes,
/// but WIP, which the overview's issue counts hold.
public struct FlowHeadlineFigures: Sendable, Equatable {
    public struct WeekDone: Sendable, Equatable {
        public var week: String
        public var done: Int

        public init(week: String, done: Int) {
            self.week = week
            self.done = done
        }
    }

    public static let windowDays = 90
    public static let throughputWeeks = 4

    /// Whether any Jira history was harvested: without one there are no figures to show.
    public var hasHistories: Bool
    /// Start of the cycle-time window (`GET /api/flow`'s `from`), RFC 3339.
    public var from: String
    public var cycle: FlowReport.Percentiles
    /// Oldest first, weeks without a done issue included.
    public var throughput: [WeekDone]
    public var workInProgress: Int
    public var untrustedCount: Int

    public init(hasHistories: Bool, from: String, cycle: FlowReport.Percentiles, throughput: [WeekDone],
                workInProgress: Int, untrustedCount: Int) {
        self.hasHistories = hasHistories
        self.from = from
        self.cycle = cycle
        self.throughput = throughput
        self.workInProgress = workInProgress
        self.untrustedCount = untrustedCount
    }
}

extension FlowHeadlineFigures {
    /// WIP as `GET /api/flow` counts it, Jira issues whose status is in progress now, taken from
    /// the overview's issue counts rather than counted again.
    public static func workInProgress(_ counts: [IssueCount]) -> Int {
        counts.first { $0.source == "jira" && $0.statusCategory == "indeterminate" }?.count ?? 0
    }
}

extension FlowQueries {
    /// The headline as of `now`; `issueCounts` are the overview's (for WIP).
    public func headline(now: Date, issueCounts: [IssueCount]) throws(StoreError) -> FlowHeadlineFigures {
        try storeCall {
            let row = try connection.run(Self.headlineStatement, [now, FlowHeadlineFigures.windowDays,
                                                                   FlowHeadlineFigures.throughputWeeks])[0]
            let weeks: [String] = try row.get("weeks")
            let done: [Int] = try row.get("week_done")
            return FlowHeadlineFigures(
                hasHistories: try row.get("has_histories"), from: try row.get("from"),
                cycle: FlowReport.Percentiles(count: try row.get("cycle_count"), p50: try row.get("p50"),
                                              p85: try row.get("p85"), p95: try row.get("p95")),
                throughput: zip(weeks, done).map { FlowHeadlineFigures.WeekDone(week: $0, done: $1) },
                workInProgress: FlowHeadlineFigures.workInProgress(issueCounts), untrustedCount: try row.get("untrusted_count"))
        }
    }

    /// `$1` now, `$2` days of the cycle window, `$3` whole ISO weeks of throughput before the
    /// current one. Percentiles by nearest rank, as the summary's. The bounds are written out
    /// where they are used, so the planner sees them and reads only their range of the done_at
    /// index (the cycle times filtered in the aggregate: in the WHERE clause, they made the
    /// whole cycle index look cheaper).
    static let headlineStatement = StoreStatement(name: "ui_flow_headline", sql: """
        WITH cycles AS MATERIALIZED (
            SELECT array_agg(f.cycle_seconds ORDER BY f.cycle_seconds) FILTER (WHERE f.cycle_seconds IS NOT NULL) AS a
            FROM issue_flow_figures f
            WHERE f.done_at IS NOT NULL AND f.done_at >= \(since) AND f.done_at < $1::timestamptz AND f.problems = '{}'
        ), weeks AS (
            SELECT to_char(\(thisWeek) - make_interval(weeks => n), 'IYYY"-W"IW') AS week
            FROM generate_series(1, $3::integer) AS n
        ), week_done AS (
            SELECT f.done_week, count(*) AS n
            FROM issue_flow_figures f
            WHERE f.done_at IS NOT NULL
              AND f.done_at >= (\(thisWeek) - make_interval(weeks => $3::integer)) AT TIME ZONE 'UTC'
              AND f.done_at < \(thisWeek) AT TIME ZONE 'UTC'
            GROUP BY 1
        )
        SELECT EXISTS (SELECT 1 FROM issue_histories) AS has_histories,
               \(APISQL.rfc3339(since)) AS "from",
               coalesce(cardinality(c.a), 0) AS cycle_count,
               c.a[greatest(1, (50 * cardinality(c.a) + 99) / 100)] AS p50,
               c.a[greatest(1, (85 * cardinality(c.a) + 99) / 100)] AS p85,
               c.a[greatest(1, (95 * cardinality(c.a) + 99) / 100)] AS p95,
               ARRAY(SELECT w.week FROM weeks w ORDER BY w.week) AS weeks,
               ARRAY(SELECT coalesce(d.n, 0) FROM weeks w LEFT JOIN week_done d ON d.done_week = w.week ORDER BY w.week)
                   AS week_done,
               (SELECT count(*) FROM issue_flow_figures f WHERE f.problems <> '{}') AS untrusted_count
        FROM cycles c
        """)

    /// The cycle window's start, to the second (as `from` of `GET /api/flow` is given).
    private static let since = "date_trunc('second', $1::timestamptz - make_interval(days => $2::integer))"
    /// Monday 00:00 UTC of the current ISO week, as a UTC `timestamp`.
    private static let thisWeek = "date_trunc('week', $1::timestamptz AT TIME ZONE 'UTC')"
}
