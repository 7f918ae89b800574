/// SQL fragments shared by the API queries. Only column expressions are spliced in here, never
/// values: every value travels as a parameter.
enum APISQL {
    /// A timestamptz as RFC 3339 UTC text (`2026-11-22T01:50:14Z`); NULL stays NULL.
    static func rfc3339(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    /// When the last harvest that wrote data (completed or partial) finished, as RFC 3339 text.
    static let lastHarvestedAt = """
        (SELECT \(rfc3339("max(finished_at)")) FROM harvest_runs WHERE status IN ('completed', 'partial'))
        """

    /// The same on its own, for the documents streamed from their rows (hierarchy, unpaged keys).
    static let lastHarvest = StoreStatement(name: "api_last_harvested_at",
                                            sql: "SELECT \(lastHarvestedAt) AS harvested_at")
}
