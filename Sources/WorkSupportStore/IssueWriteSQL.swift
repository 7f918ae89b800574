/// The statements of the issue writer and of staged reloads. One guarded upsert serves harvest
/// batches, webhook items and the reload commit, so "newer wins, identical writes nothing" holds
/// the same way everywhere.
enum IssueWriteSQL {
    /// The normalized columns, in `IssueWriteBatch.copyRow` order.
    static let dataColumns = [
        "issue_key", "source", "summary", "status", "status_category", "issue_type_id", "issue_type_name",
        "parent_key", "epic_key", "linked_key", "assignee", "assignee_member_id", "labels", "fix_versions",
        "url", "created_at", "updated_at", "resolved_at", "raw",
    ]

    /// The session's batch table: the data columns, then who writes them (`run_id`, NULL for
    /// webhooks, and `changed_by`), so the statements over it need no parameters and travel with
    /// the COPY in one query. Emptied at every commit; created once per session.
    static let batchTable = "issue_write_batch"

    /// The batch table's columns with their types: the data columns, then `run_id` and
    /// `changed_by`. Also the parameters of `upsertOne`, in this order.
    static let batchColumns: [(name: String, type: String, notNull: Bool)] = [
        ("issue_key", "text", true), ("source", "text", true), ("summary", "text", true), ("status", "text", false),
        ("status_category", "text", false), ("issue_type_id", "integer", true), ("issue_type_name", "text", false),
        ("parent_key", "text", false), ("epic_key", "text", false), ("linked_key", "text", false),
        ("assignee", "text", false), ("assignee_member_id", "text", false), ("labels", "text[]", true),
        ("fix_versions", "text[]", true), ("url", "text", false), ("created_at", "timestamptz", false),
        ("updated_at", "timestamptz", true), ("resolved_at", "timestamptz", false), ("raw", "jsonb", true),
        ("run_id", "bigint", false), ("changed_by", "text", true),
    ]

    static let createBatchTable = """
        CREATE TEMP TABLE IF NOT EXISTS \(batchTable) (
            \(batchColumns.map { "\($0.name) \($0.type)\($0.notNull ? " NOT NULL" : "")" }.joined(separator: ", "))
        ) ON COMMIT DELETE ROWS
        """

    static let copyIntoBatchTable =
        "COPY \(batchTable) (\((dataColumns + ["run_id", "changed_by"]).joined(separator: ", "))) FROM STDIN"

    /// The batch into `issues`, run id and changed_by from the batch rows.
    static let upsertBatch = upsert(from: "\(batchTable) b", filter: "")

    /// One row into `issues` through the same upsert, its columns as parameters ($1… in
    /// `batchColumns` order): a webhook delivery writes one item, and the COPY into the batch
    /// table took two round trips and an emptying of the table at commit (more than twice the
    /// database's time per delivery).
    static let upsertOne = StoreStatement(name: "issue_upsert_one", sql: upsert(
        from: "(SELECT \(batchColumns.enumerated().map { "$\($0.offset + 1)::\($0.element.type) AS \($0.element.name)" }.joined(separator: ", "))) b",
        filter: ""))

    /// A reload's staging generation into `issues`. $1 reload run id.
    static let upsertStaged = upsert(from: "issues_staging b", filter: "WHERE b.run_id = $1")

    /// Some keys of a reload's staging generation into `issues`. $1 run id, $2 keys.
    static let upsertStagedKeys = upsert(from: "issues_staging b",
                                         filter: "WHERE b.run_id = $1 AND b.issue_key = ANY($2::text[])")

    /// The batch into the reload's staging generation (its run id is in the batch rows); a key
    /// staged twice keeps its newest copy.
    static let stageBatch = """
        INSERT INTO issues_staging AS s (run_id, changed_by, \(dataColumns.joined(separator: ", ")))
        SELECT b.run_id, b.changed_by, \(dataColumns.map { "b.\($0)" }.joined(separator: ", "))
        FROM \(batchTable) b
        ON CONFLICT (run_id, issue_key) DO UPDATE SET
            \(dataColumns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
        WHERE s.updated_at <= EXCLUDED.updated_at
        """

    static let deleteKeys = "DELETE FROM issues WHERE issue_key = ANY($1::text[])"

    /// Writes a row only when it is new, or when the incoming copy is not older and differs in any
    /// normalized field; otherwise the row is left untouched (no new tuple version). Unknown team
    /// members become NULL instead of failing the batch on the foreign key. `RETURNING xmax = 0` is
    /// true for inserted rows, false for updated ones; skipped rows return nothing. The run id and
    /// `changed_by` come from the source rows (`run_id`, `changed_by`).
    private static func upsert(from source: String, filter: String) -> String {
        let compared = dataColumns.dropFirst()
        let selected = dataColumns.map { $0 == "assignee_member_id" ? "m.member_id" : "b.\($0)" }
        return """
            INSERT INTO issues AS i (\(dataColumns.joined(separator: ", ")),
                                     harvested_at, last_run_id, changed_by, changed_at)
            SELECT \(selected.joined(separator: ", ")), now(), b.run_id, b.changed_by, now()
            FROM \(source)
            LEFT JOIN team_members m ON m.member_id = b.assignee_member_id
            \(filter)
            ORDER BY b.issue_key
            ON CONFLICT (issue_key) DO UPDATE SET
                \(compared.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")),
                harvested_at = CASE WHEN EXCLUDED.changed_by = 'harvest' THEN EXCLUDED.harvested_at
                                    ELSE i.harvested_at END,
                last_run_id = COALESCE(EXCLUDED.last_run_id, i.last_run_id),
                changed_by = EXCLUDED.changed_by,
                changed_at = EXCLUDED.changed_at
            WHERE i.updated_at <= EXCLUDED.updated_at
              AND (\(compared.map { "i.\($0)" }.joined(separator: ", ")))
                  IS DISTINCT FROM (\(compared.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
            RETURNING (i.xmax = 0) AS inserted
            """
    }
}
