import Postgres

/// The reads behind the dashboard's pages: plain prepared statements on indexes, each page a
/// handful of them (read connection; nothing here writes).
public struct DashboardQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func overview(sources: [String]) throws(StoreError) -> DashboardOverview {
        try storeCall {
            let counts = try connection.run(Self.issueCounts).map { row in
                IssueCount(source: try row.get("source"), statusCategory: try row.get("category"), count: try row.get("count"))
            }
            var harvests: [SourceHarvest] = []
            for source in sources {
                let run = try connection.run(Self.lastRunOfSource, [source]).first.map(Self.run)
                let total = counts.filter { $0.source == source }.reduce(0) { $0 + $1.count }
                harvests.append(SourceHarvest(source: source, issueCount: total, lastRun: run))
            }
            let newest = try connection.run(Self.newestRun).first.map(Self.run)
            let anomalies = try connection.run(Self.anomalyKinds).map { row in
                AnomalyKindCount(kind: try row.get("kind"), open: try row.get("open"),
                                 acknowledged: try row.get("acknowledged"), resolved: try row.get("resolved"))
            }
            return DashboardOverview(sources: harvests, newestRun: newest, issueCounts: counts, anomalies: anomalies)
        }
    }

    /// Newest first; `status` and `kind` nil mean any.
    public func runs(limit: Int, status: String?, kind: String?) throws(StoreError) -> [HarvestRunRecord] {
        try storeCall { try connection.run(Self.runList, [limit, status, kind]).map(Self.run) }
    }

    public func run(id: Int64) throws(StoreError) -> (run: HarvestRunRecord, errors: [HarvestErrorRecord])? {
        try storeCall {
            guard let row = try connection.run(Self.runOne, [id]).first else { return nil }
            let errors = try connection.run(Self.runErrors, [id]).map { row in
                HarvestErrorRecord(source: try row.get("source"), itemKey: try row.get("item_key"),
                                   reason: try row.get("reason"), httpStatus: try row.get("http_status"),
                                   attempts: try row.get("attempts"), occurredAt: try row.get("occurred_at"))
            }
            return (try Self.run(row), errors)
        }
    }

    public func reloads(limit: Int) throws(StoreError) -> [ReloadRecord] {
        try storeCall {
            try connection.run(Self.reloadList, [limit]).map { row in
                ReloadRecord(id: try row.get("id"), status: try row.get("status"), requestedAt: try row.get("requested_at"),
                             requestedBy: try row.get("requested_by"), force: try row.get("force"),
                             runID: try row.get("run_id"), errorMessage: try row.get("error_message"))
            }
        }
    }

    /// Newest sighting first, a page of at most `limit` after (older than) or before (newer
    /// than) the anomaly `cursor` names; nil filters mean any. `assignee` as in `/api/anomalies`
    /// (member id or name, Jira accountId, GitHub login). A cursor naming no anomaly gives an
    /// empty page with the total.
    public func anomalies(kind: String?, state: String?, assignee: String?, cursor: AnomalyCursor,
                          limit: Int) throws(StoreError) -> AnomalyListing {
        try storeCall {
            let statement = cursor.before == nil ? Self.anomalyList : Self.anomalyListBefore
            let rows = try connection.run(statement, [kind, state, assignee, limit, cursor.before ?? cursor.after])
            guard let first = rows.first else {
                let total: Int = try connection.run(Self.anomalyList, [kind, state, assignee, 1, nil as Int64?]).first?
                    .get("total_count") ?? 0
                return AnomalyListing(anomalies: [], totalCount: total, preceding: 0)
            }
            return AnomalyListing(anomalies: try rows.map(Self.anomaly), totalCount: try first.get("total_count"),
                                  preceding: try first.get("preceding"))
        }
    }

    public func anomaly(id: Int64) throws(StoreError) -> AnomalyRecord? {
        try storeCall { try connection.run(Self.anomalyOne, [id]).first.map(Self.anomaly) }
    }

    public func issue(key: String) throws(StoreError) -> IssueDetail? {
        try storeCall {
            guard let row = try connection.run(Self.issueOne, [key]).first else { return nil }
            let relatives = try connection.run(Self.issueRelatives, [key, row.get("parent_key", as: String?.self)])
            var parent: IssueDetail.Relative?
            var children: [IssueDetail.Relative] = []
            for relative in relatives {
                let item = IssueDetail.Relative(key: try relative.get("issue_key"), summary: try relative.get("summary"),
                                                status: try relative.get("status"), issueType: try relative.get("issue_type"))
                if try relative.get("is_parent", as: Bool.self) { parent = item } else { children.append(item) }
            }
            let anomalies = try connection.run(Self.issueAnomalies, [key]).map(Self.anomaly)
            return IssueDetail(
                key: try row.get("issue_key"), source: try row.get("source"), summary: try row.get("summary"),
                status: try row.get("status"), statusCategory: try row.get("status_category"),
                issueType: try row.get("issue_type"), upstreamIssueType: try row.get("issue_type_name"),
                assignee: try row.get("assignee"), assigneeName: try row.get("assignee_name"),
                labels: try row.get("labels"), fixVersions: try row.get("fix_versions"), url: try row.get("url"),
                createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"),
                resolvedAt: try row.get("resolved_at"), harvestedAt: try row.get("harvested_at"),
                epicKey: try row.get("epic_key"), parentKey: try row.get("parent_key"), parent: parent,
                children: children, anomalies: anomalies)
        }
    }

    // MARK: rows

    static func run(_ row: PostgresRow) throws -> HarvestRunRecord {
        HarvestRunRecord(
            id: try row.get("id"), kind: try row.get("kind"), trigger: try row.get("trigger"),
            fullReload: try row.get("full_reload"), status: try row.get("status"),
            startedAt: try row.get("started_at"), finishedAt: try row.get("finished_at"),
            ageSeconds: try row.get("age_seconds"), durationSeconds: try row.get("duration_seconds"),
            counts: HarvestRunCounts(fetched: try row.get("fetched"), inserted: try row.get("inserted"),
                                     updated: try row.get("updated"), unchanged: try row.get("unchanged"),
                                     deleted: try row.get("deleted"), failed: try row.get("failed")),
            anomaliesNew: try row.get("anomalies_new"), anomaliesResolved: try row.get("anomalies_resolved"),
            errorCount: try row.get("error_count"), errorMessage: try row.get("error_message"),
            slack: SlackRunCounts(messagesFetched: try row.get("slack_messages_fetched"),
                                  messagesWritten: try row.get("slack_messages_written"),
                                  messagesDeleted: try row.get("slack_messages_deleted"),
                                  messagesPruned: try row.get("slack_messages_pruned"),
                                  channelsSkipped: try row.get("slack_channels_skipped")),
            deliveriesPruned: try row.get("deliveries_pruned"), pushesPruned: try row.get("pushes_pruned"))
    }

    static func anomaly(_ row: PostgresRow) throws -> AnomalyRecord {
        AnomalyRecord(
            id: try row.get("id"), kind: try row.get("kind"), issueKey: try row.get("issue_key"),
            issueSummary: try row.get("summary"), assignee: try row.get("assignee"), state: try row.get("state"),
            firstSeen: try row.get("first_seen"), lastSeen: try row.get("last_seen"),
            resolvedAt: try row.get("resolved_at"), occurrences: try row.get("occurrences"),
            acknowledgedAt: try row.get("acknowledged_at"), acknowledgedBy: try row.get("acknowledged_by"),
            note: try row.get("note"), details: try row.get("details"),
            acknowledgedDetails: try row.get("acknowledged_details"),
            acknowledgementEndedAt: try row.get("acknowledgement_ended_at"), acknowledgementEnd: try row.get("acknowledgement_end"))
    }

    // MARK: statements

    /// On `issues_source_category` (migration 0022): its few (source, category) pairs found by
    /// skipping from one to the next (NULL categories sort last), then each pair's range counted
    /// by an index-only scan, which costs less than grouping every entry of the index.
    static let issueCounts = StoreStatement(name: "ui_issue_counts", sql: """
        WITH RECURSIVE pairs AS (
            (SELECT source, status_category FROM issues ORDER BY source, status_category LIMIT 1)
            UNION ALL
            SELECT n.source, n.status_category FROM pairs p CROSS JOIN LATERAL (
                (SELECT i.source, i.status_category FROM issues i
                 WHERE i.source = p.source AND i.status_category > p.status_category ORDER BY i.status_category LIMIT 1)
                UNION ALL
                (SELECT i.source, i.status_category FROM issues i
                 WHERE i.source = p.source AND p.status_category IS NOT NULL AND i.status_category IS NULL LIMIT 1)
                UNION ALL
                (SELECT i.source, i.status_category FROM issues i WHERE i.source > p.source
                 ORDER BY i.source, i.status_category LIMIT 1)
                LIMIT 1) n
        )
        SELECT p.source, coalesce(p.status_category, '') AS category,
               (CASE WHEN p.status_category IS NULL
                     THEN (SELECT count(*) FROM issues i WHERE i.source = p.source AND i.status_category IS NULL)
                     ELSE (SELECT count(*) FROM issues i WHERE i.source = p.source AND i.status_category = p.status_category)
                END)::int AS count
        FROM pairs p ORDER BY 1, 2
        """)

    static let runColumns = """
        h.id, h.kind, h.trigger, h.full_reload, h.status,
        \(APISQL.rfc3339("h.started_at")) AS started_at, \(APISQL.rfc3339("h.finished_at")) AS finished_at,
        extract(epoch FROM now() - coalesce(h.finished_at, h.started_at))::bigint AS age_seconds,
        extract(epoch FROM h.finished_at - h.started_at)::bigint AS duration_seconds,
        h.fetched, h.inserted, h.updated, h.unchanged, h.deleted, h.failed, h.anomalies_new,
        h.anomalies_resolved, (SELECT count(*) FROM harvest_errors e WHERE e.run_id = h.id)::int AS error_count,
        h.error_message, h.slack_messages_fetched, h.slack_messages_written, h.slack_messages_deleted,
        h.slack_messages_pruned, h.slack_channels_skipped, h.deliveries_pruned, h.pushes_pruned
        """

    /// The newest run that harvested the source: the harvester records a source's cursor only
    /// when that source was read in full.
    static let lastRunOfSource = StoreStatement(name: "ui_last_run_of_source", sql: """
        SELECT \(runColumns) FROM harvest_runs h WHERE h.cursors ? $1::text
        ORDER BY h.started_at DESC, h.id DESC LIMIT 1
        """)

    static let newestRun = StoreStatement(name: "ui_newest_run", sql: """
        SELECT \(runColumns) FROM harvest_runs h ORDER BY h.started_at DESC, h.id DESC LIMIT 1
        """)

    static let anomalyKinds = StoreStatement(name: "ui_anomaly_kinds", sql: """
        SELECT kind, count(*) FILTER (WHERE state = 'open')::int AS open,
               count(*) FILTER (WHERE state = 'acknowledged')::int AS acknowledged,
               count(*) FILTER (WHERE state = 'resolved')::int AS resolved
        FROM (SELECT a.kind, \(AnomalyTriageSQL.state("a")) AS state FROM anomalies a) s
        GROUP BY kind ORDER BY kind
        """)

    static let runList = StoreStatement(name: "ui_run_list", sql: """
        SELECT \(runColumns) FROM harvest_runs h
        WHERE ($2::text IS NULL OR h.status = $2::text) AND ($3::text IS NULL OR h.kind = $3::text)
        ORDER BY h.started_at DESC, h.id DESC LIMIT $1
        """)

    static let runOne = StoreStatement(name: "ui_run_one", sql: "SELECT \(runColumns) FROM harvest_runs h WHERE h.id = $1")

    static let runErrors = StoreStatement(name: "ui_run_errors", sql: """
        SELECT source, item_key, reason, http_status, attempts, \(APISQL.rfc3339("occurred_at")) AS occurred_at
        FROM harvest_errors WHERE run_id = $1 ORDER BY id
        """)

    static let reloadList = StoreStatement(name: "ui_reload_list", sql: """
        SELECT id, status, \(APISQL.rfc3339("requested_at")) AS requested_at, requested_by, force, run_id, error_message
        FROM reload_requests ORDER BY requested_at DESC, id DESC LIMIT $1
        """)

    static let anomalyColumns = """
        a.id, a.kind, a.issue_key, i.summary, coalesce(m.name, i.assignee) AS assignee,
        \(AnomalyTriageSQL.state("a")) AS state,
        \(APISQL.rfc3339("a.first_seen")) AS first_seen, \(APISQL.rfc3339("a.last_seen")) AS last_seen,
        \(APISQL.rfc3339("a.resolved_at")) AS resolved_at, a.occurrences,
        \(APISQL.rfc3339("a.acknowledged_at")) AS acknowledged_at, a.acknowledged_by, a.note, a.details::text AS details,
        a.acknowledged_details::text AS acknowledged_details,
        \(APISQL.rfc3339("a.acknowledgement_ended_at")) AS acknowledgement_ended_at, a.acknowledgement_end
        """

    static let anomalyJoins = """
        LEFT JOIN issues i ON i.issue_key = a.issue_key
        LEFT JOIN team_members m ON m.member_id = i.assignee_member_id
        """

    /// Filters and pages on `anomalies` alone; only the page's rows are joined to their issues.
    /// `$5` the anomaly the page starts after (older) or, `before`, ends before (newer);
    /// `preceding` counts the matches newer than the page.
    static func anomalyList(before: Bool) -> String { """
        WITH matched AS (
            SELECT a.id, a.last_seen, \(AnomalyTriageSQL.state("a")) AS state FROM anomalies a
            WHERE ($1::text IS NULL OR a.kind = $1::text)
              AND ($3::text IS NULL OR a.issue_key IN (\(APISQL.issueKeysAssignedTo("$3::text"))))
        ),
        filtered AS MATERIALIZED (SELECT id, last_seen FROM matched WHERE $2::text IS NULL OR state = $2::text),
        page AS MATERIALIZED (
            SELECT f.id, f.last_seen FROM filtered f
            WHERE $5::bigint IS NULL
               OR (f.last_seen, f.id) \(before ? ">" : "<") (SELECT c.last_seen, c.id FROM anomalies c WHERE c.id = $5::bigint)
            ORDER BY f.last_seen \(before ? "" : "DESC"), f.id \(before ? "" : "DESC") LIMIT $4
        ),
        head AS (SELECT last_seen, id FROM page ORDER BY last_seen DESC, id DESC LIMIT 1)
        SELECT \(anomalyColumns), (SELECT count(*) FROM filtered)::int AS total_count,
               (SELECT count(*) FROM filtered f, head h WHERE (f.last_seen, f.id) > (h.last_seen, h.id))::int AS preceding
        FROM page p JOIN anomalies a ON a.id = p.id \(anomalyJoins)
        ORDER BY p.last_seen DESC, p.id DESC
        """ }

    static let anomalyList = StoreStatement(name: "ui_anomaly_list", sql: anomalyList(before: false))
    static let anomalyListBefore = StoreStatement(name: "ui_anomaly_list_before", sql: anomalyList(before: true))

    static let anomalyOne = StoreStatement(name: "ui_anomaly_one", sql: """
        SELECT \(anomalyColumns) FROM anomalies a \(anomalyJoins) WHERE a.id = $1
        """)

    static let issueAnomalies = StoreStatement(name: "ui_issue_anomalies", sql: """
        SELECT \(anomalyColumns) FROM anomalies a \(anomalyJoins) WHERE a.issue_key = $1
        ORDER BY a.resolved_at IS NOT NULL, a.kind
        """)

    static let issueOne = StoreStatement(name: "ui_issue_one", sql: """
        SELECT i.issue_key, i.source, i.summary, i.status, i.status_category, t.name AS issue_type, i.issue_type_name,
               i.assignee, m.name AS assignee_name, i.labels, i.fix_versions, i.url,
               \(APISQL.rfc3339("i.created_at")) AS created_at, \(APISQL.rfc3339("i.updated_at")) AS updated_at,
               \(APISQL.rfc3339("i.resolved_at")) AS resolved_at, \(APISQL.rfc3339("i.harvested_at")) AS harvested_at,
               i.epic_key, i.parent_key
        FROM issues i
        LEFT JOIN issue_types t ON t.id = i.issue_type_id
        LEFT JOIN team_members m ON m.member_id = i.assignee_member_id
        WHERE i.issue_key = $1
        """)

    /// The parent (`$2`) and the children of `$1`, children in key order.
    static let issueRelatives = StoreStatement(name: "ui_issue_relatives", sql: """
        SELECT r.issue_key, r.summary, r.status, t.name AS issue_type, coalesce(r.issue_key = $2::text, false) AS is_parent
        FROM issues r LEFT JOIN issue_types t ON t.id = r.issue_type_id
        WHERE r.issue_key = $2::text OR r.parent_key = $1::text
        ORDER BY is_parent DESC, r.issue_key
        """)
}
