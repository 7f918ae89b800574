import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// What `/ui/flow` shows: the summary of `GET /api/flow` for the same filters and window (read by
/// the same statement, so the figures are the API's), plus per ISO week the percentiles and a
/// cycle-time histogram. Without a window start, the window starts `recentWeeks` ISO weeks back
/// from the newest selected done issue's week, so the page reads a bounded share of the issues.
/// Seconds throughout.
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

    /// Trusted done issues of the window whose cycle time is in `[lowerSeconds, upperSeconds)`
    /// (nil: no bound).
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

    /// The window's start as `GET /api/flow` takes and gives it (RFC 3339): the filter's `from`,
    /// else the first of the last `recentWeeks` weeks; nil when no selected issue was done.
    public var from: String?
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

    public init(from: String?, done: Int, cycle: Percentiles, lead: Percentiles, throughput: [(week: String, done: Int)], workInProgress: Int,
                timeInStatus: [StatusTime], untrustedCount: Int, untrusted: [Untrusted], weeks: [Week], cycleHistogram: [Bin]) {
        self.from = from
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
        left.from == right.from && left.done == right.done && left.cycle == right.cycle && left.lead == right.lead
            && left.throughput.map(\.week) == right.throughput.map(\.week) && left.throughput.map(\.done) == right.throughput.map(\.done)
            && left.workInProgress == right.workInProgress && left.timeInStatus == right.timeInStatus
            && left.untrustedCount == right.untrustedCount && left.untrusted == right.untrusted
            && left.weeks == right.weeks && left.cycleHistogram == right.cycleHistogram
    }

    /// ISO weeks the page covers when the window has no start.
    public static let recentWeeks = 26

    /// The bins of the cycle-time histogram: under a day, then doubling.
    public static let binEdges: [(label: String, seconds: Double)] = [
        ("< 1 d", 0), ("1–2 d", 86_400), ("2–4 d", 172_800), ("4–7 d", 345_600), ("1–2 w", 604_800),
        ("2–4 w", 1_209_600), ("4–8 w", 2_419_200), ("≥ 8 w", 4_838_400),
    ]

    /// The histogram's empty bins.
    static var emptyHistogram: [Bin] {
        binEdges.enumerated().map { index, edge in
            Bin(label: edge.label, lowerSeconds: edge.seconds,
                upperSeconds: index + 1 < binEdges.count ? binEdges[index + 1].seconds : nil, count: 0)
        }
    }

    /// The index in `binEdges` of the bin holding a cycle time of `milliseconds`; nil below the
    /// first edge. In whole milliseconds, the figures' precision, so an edge compares exactly.
    static func binIndex(milliseconds: Int) -> Int? {
        binEdgeMilliseconds.lastIndex { $0 <= milliseconds }
    }

    /// `binEdges` in whole milliseconds, converted once rather than for every figure binned.
    static let binEdgeMilliseconds = binEdges.map { Int($0.seconds) * 1000 }
}

extension FlowReport.Percentiles {
    /// Of figures in whole milliseconds, as seconds (`values` is left reordered).
    init(milliseconds values: inout [Int]) {
        let found = FlowPercentile.values([50, 85, 95], selectingIn: &values)?.map { Double($0) / 1000 }
        self.init(count: values.count, p50: found?[0], p85: found?[1], p95: found?[2])
    }

    init(_ value: JSONValue?) {
        self.init(count: value?["count"]?.intValue ?? 0, p50: value?["p50"]?.doubleValue,
                  p85: value?["p85"]?.doubleValue, p95: value?["p95"]?.doubleValue)
    }
}

extension FlowQueries {
    /// The report of `/ui/flow` in one snapshot: the window's start (when the filter has none),
    /// the API's summary over that window, then the window's done issues read once for the
    /// weeks and the histogram.
    public func report(_ filter: FlowFilter) throws(StoreError) -> FlowReport {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { _ in
                var window = filter
                var parameters = try issueParameters(filter)
                if filter.from == nil {
                    window.from = try connection.run(Self.recentWeeksStart, parameters)[0].get("at", as: Date?.self)
                    parameters[4] = window.from
                }
                let summary = try JSON.JSONValue.parse(try summaryJSON(window, parameters))
                let (weeks, bins) = try weekRows(parameters)
                return FlowReport(
                    from: summary["from"]?.stringValue,
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

    /// The weeks and the cycle-time histogram of the page: the window's done issues' figures
    /// read in one pass and grouped here, their percentiles by `FlowPercentile` (the definition
    /// the summary's SQL follows), selected in whole milliseconds. Selecting three ranks of a
    /// few thousand values per week here costs less than an ordered aggregate per week and
    /// figure in the database. The pass reads every done issue's figures; those of the few
    /// untrusted ones, read apart through their own index, are then taken back out (one equal
    /// value each): testing every row's problems was much of the pass's cost.
    func weekRows(_ parameters: [any PostgresEncodable]) throws(PostgresError) -> ([FlowReport.Week], [FlowReport.Bin]) {
        var weeks: [String] = [], done: [Int] = [], cycles: [[Int]] = [], leads: [[Int]] = []
        var bins = FlowReport.emptyHistogram
        var indexOfWeek: [String: Int] = [:]
        /// Whole milliseconds (the figures are rounded to milliseconds).
        func milliseconds(_ view: PostgresResultView, _ row: Int, _ column: Int) throws(PostgresError) -> Int? {
            try view.int64(row, column).map { Int($0) }
        }
        let untrusted = try connection.run(Self.untrustedWeekFigures, parameters, binaryResults: true) {
            view throws(PostgresError) in
            var figures: [(week: String, cycle: Int?, lead: Int?)] = []
            for row in 0..<view.rowCount {
                figures.append((String(decoding: view.bytes(row, 0), as: UTF8.self), try milliseconds(view, row, 1),
                                try milliseconds(view, row, 2)))
            }
            return figures
        }
        try connection.run(Self.weekFigures, parameters, binaryResults: true) { view throws(PostgresError) in
            func weekIndex(_ week: String) -> Int {
                if let known = indexOfWeek[week] { return known }
                indexOfWeek[week] = weeks.count
                weeks.append(week)
                done.append(0)
                cycles.append([])
                leads.append([])
                return weeks.count - 1
            }
            var index = -1
            var previous: UnsafeBufferPointer<UInt8>?
            for row in 0..<view.rowCount {
                // A week's rows mostly follow each other (the done_at index's order): the week's
                // text is only looked up when it changes.
                let bytes = view.bytes(row, 0)
                if previous.map({ !PostgresResultView.sameBytes($0, bytes) }) ?? true {
                    index = weekIndex(String(decoding: bytes, as: UTF8.self))
                    previous = bytes
                }
                done[index] += 1
                if let cycle = try milliseconds(view, row, 1) {
                    cycles[index].append(cycle)
                    if let bin = FlowReport.binIndex(milliseconds: cycle) { bins[bin].count += 1 }
                }
                if let lead = try milliseconds(view, row, 2) { leads[index].append(lead) }
            }
        }
        // Equal values are interchangeable in percentiles and bins: removing one equal to each
        // untrusted figure leaves the trusted ones. Both reads are of one snapshot.
        func remove(_ value: Int, from values: inout [Int]) -> Bool {
            guard let position = values.firstIndex(of: value) else { return false }
            values.swapAt(position, values.count - 1)
            values.removeLast()
            return true
        }
        for figure in untrusted {
            guard let index = indexOfWeek[figure.week] else { continue }
            if let cycle = figure.cycle, remove(cycle, from: &cycles[index]),
               let bin = FlowReport.binIndex(milliseconds: cycle) {
                bins[bin].count -= 1
            }
            if let lead = figure.lead { _ = remove(lead, from: &leads[index]) }
        }
        let sortedWeeks = weeks.indices.sorted { weeks[$0] < weeks[$1] }.map { index in
            FlowReport.Week(week: weeks[index], done: done[index], cycle: .init(milliseconds: &cycles[index]),
                            lead: .init(milliseconds: &leads[index]))
        }
        return (sortedWeeks, bins)
    }

    /// The first of the last `recentWeeks` ISO weeks up to the newest selected done issue's
    /// (Monday 00:00 UTC), NULL when none was done. The issue and window parameters of the
    /// summary; `$5` is NULL here.
    static let recentWeeksStart = StoreStatement(name: "ui_flow_recent_weeks_start", sql: """
        SELECT (date_trunc('week', max(f.done_at) AT TIME ZONE 'UTC') - interval '\(FlowReport.recentWeeks - 1) weeks')
                   AT TIME ZONE 'UTC' AS at
        FROM issue_flow_figures f
        WHERE f.done_at IS NOT NULL AND \(window("f.done_at")) AND \(issueConditions("f"))
        """)

    /// The selected done issues of the window (`done_week`, cycle and lead time in whole
    /// milliseconds), from the `done_at` index alone when no issue filter is given; read in the
    /// binary format, so thousands of numbers are neither printed nor parsed.
    static let weekFigures = StoreStatement(name: "ui_flow_week_figures", sql: weekFiguresSQL(untrusted: false))

    /// The same of the untrusted ones, through their partial index (`issue_flow_figures_untrusted`).
    static let untrustedWeekFigures = StoreStatement(name: "ui_flow_untrusted_week_figures", sql: weekFiguresSQL(untrusted: true))

    static func weekFiguresSQL(untrusted: Bool) -> String {
        """
        SELECT f.done_week, round(f.cycle_seconds * 1000)::bigint, round(f.lead_seconds * 1000)::bigint
        FROM issue_flow_figures f
        WHERE f.done_at IS NOT NULL AND \(window("f.done_at")) AND \(issueConditions("f"))\(untrusted ? " AND f.problems <> '{}'" : "")
        """
    }
}
