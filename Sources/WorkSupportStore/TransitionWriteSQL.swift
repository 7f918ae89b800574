/// SQL of `TransitionWriter`: a session temp table the rows are copied into, and one insert that
/// keeps what is already stored (`(issue_key, changelog_id, field)` is the key).
enum TransitionWriteSQL {
    static let batchTable = "transition_write_batch"

    static let columns: [(name: String, type: String)] = [
        ("issue_key", "text"), ("changelog_id", "text"), ("field", "text"), ("changed_at", "timestamptz"),
        ("author", "text"), ("from_value", "text"), ("to_value", "text"), ("from_id", "text"), ("to_id", "text"),
        ("from_category", "text"), ("to_category", "text"), ("history_order", "bigint"), ("origin", "text"),
        ("run_id", "bigint"), ("raw", "jsonb"),
    ]

    static let createBatchTable = """
        CREATE TEMP TABLE IF NOT EXISTS \(batchTable) (
            \(columns.map { "\($0.name) \($0.type)" }.joined(separator: ", "))
        ) ON COMMIT DELETE ROWS
        """

    static let copyIntoBatchTable = "COPY \(batchTable) (\(columns.map(\.name).joined(separator: ", "))) FROM STDIN"

    static let emptyBatchTable = "TRUNCATE \(batchTable)"

    /// Rows of issues that have none stored yet, straight into the table.
    static let copyIntoTable = "COPY issue_transitions (\(columns.map(\.name).joined(separator: ", "))) FROM STDIN"

    /// Which of the issues `$1::text[]` have a row stored (per key, through the primary key).
    static let issuesWithRows = """
        SELECT k.issue_key FROM unnest($1::text[]) AS k(issue_key)
        WHERE EXISTS (SELECT 1 FROM issue_transitions t WHERE t.issue_key = k.issue_key)
        """

    /// Rows in key order, so concurrent writers (harvest, webhooks) lock in the same order.
    static let insertBatch = """
        WITH inserted AS (
            INSERT INTO issue_transitions (\(columns.map(\.name).joined(separator: ", ")))
            SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(batchTable)
            ORDER BY issue_key, changelog_id, field
            ON CONFLICT (issue_key, changelog_id, field) DO NOTHING
            RETURNING 1
        )
        SELECT count(*)::bigint AS inserted FROM inserted
        """

    /// The same for a few rows as parameters (a webhook's changelog): one round trip.
    static func insertValues(rows: Int) -> String {
        let width = columns.count
        let tuples = (0..<rows).map { row in
            "(" + columns.enumerated().map { index, column in "$\(row * width + index + 1)::\(column.type)" }
                .joined(separator: ", ") + ")"
        }
        return """
            WITH inserted AS (
                INSERT INTO issue_transitions (\(columns.map(\.name).joined(separator: ", ")))
                VALUES \(tuples.joined(separator: ", "))
                ON CONFLICT (issue_key, changelog_id, field) DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::bigint AS inserted FROM inserted
            """
    }

    static let upsertStatus = """
        INSERT INTO jira_statuses (id, name, category, updated_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS s(id, name, category), now()
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, updated_at = now()
        WHERE (jira_statuses.name, jira_statuses.category) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category)
        """

    static let statusCategories = "SELECT id, category FROM jira_statuses"

    /// Jira issues whose history to fetch: what run $1 wrote, every one when $2, and any whose
    /// history is missing or incomplete (a failed page is fetched again by the next run).
    static let issuesNeedingHistory = """
        SELECT i.issue_key, coalesce(i.raw->>'id', i.issue_key) AS issue_id
        FROM issues i
        LEFT JOIN issue_histories h ON h.issue_key = i.issue_key
        WHERE i.source = 'jira' AND ($2 OR i.last_run_id = $1 OR h.issue_key IS NULL OR NOT h.complete)
        ORDER BY i.issue_key
        """

    static let markHistories = """
        INSERT INTO issue_histories (issue_key, issue_id, complete, reason, entries, run_id, fetched_at)
        SELECT k, i, c, r, e, $6, now()
        FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::integer[]) AS h(k, i, c, r, e)
        ON CONFLICT (issue_key) DO UPDATE SET
            issue_id = EXCLUDED.issue_id, complete = EXCLUDED.complete, reason = EXCLUDED.reason,
            entries = EXCLUDED.entries, run_id = EXCLUDED.run_id, fetched_at = EXCLUDED.fetched_at
        """

    static let recordCounts = """
        UPDATE harvest_runs SET transitions_fetched = transitions_fetched + $2,
                                transitions_inserted = transitions_inserted + $3
        WHERE id = $1
        """
}
