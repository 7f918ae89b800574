import Postgres

/// One release as `ReleaseQueries.release` reads it: the versions, open anomalies and issue
/// type names as JSON text, and the member issues read in place (valid only inside the query's
/// closure).
public struct ReleaseRows {
    /// The columns of an issue row as the statement returns them. The type's name is not among
    /// them (`issueTypeNamesJSON` maps ids to names), and `via` is NULL for the fixVersion
    /// members, most of a release: joining the types and repeating "fix_version" in 5,000 rows
    /// was a sixth of the statement's time.
    public enum IssueColumn: Int, Sendable {
        case issueKey, summary, status, statusCategory, issueTypeID, assigneeMemberID, via
    }

    /// `[{"project_key","version_id","released","release_date"}]`.
    public let versionsJSON: String
    /// `[{"kind","issue_key","first_seen"}]`, open anomalies of the members.
    public let anomaliesJSON: String
    /// `{"<id>":"<name>",…}`: every issue type, to name the members' `issue_type_id`.
    public let issueTypeNamesJSON: String
    private let result: PostgresResultView
    /// Row numbers in byte order of the key (PostgreSQL's "C" collation): sorting here is
    /// cheaper than sorting the wide rows in the database.
    private let order: [Int]

    init(issues: PostgresResultView, versionsJSON: String, anomaliesJSON: String, issueTypeNamesJSON: String) {
        result = issues
        self.versionsJSON = versionsJSON
        self.anomaliesJSON = anomaliesJSON
        self.issueTypeNamesJSON = issueTypeNamesJSON
        order = issues.rowsInByteOrder(of: IssueColumn.issueKey.rawValue)
    }

    public var issueCount: Int { result.rowCount }

    /// The result row of issue `index` (0-based, in key order), for `cell(row:_:)`.
    public func row(_ index: Int) -> Int { order[index] }

    /// Column `column` of result row `row` (0..<issueCount, in the database's order, or from
    /// `row(_:)` for key order); nil for NULL.
    public func cell(row: Int, _ column: IssueColumn) -> UnsafeBufferPointer<UInt8>? {
        result.cell(row, column.rawValue)
    }
}
