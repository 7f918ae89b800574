import Postgres

/// One release as `ReleaseQueries.release` reads it: the versions and open anomalies as JSON
/// text, and the member issues read in place (valid only inside the query's closure).
public struct ReleaseRows {
    /// The columns of an issue row, in the order the API shows them.
    public enum IssueColumn: Int, CaseIterable, Sendable {
        case issueKey, summary, status, statusCategory, issueTypeID, issueType, assigneeMemberID, via

        public var name: String {
            switch self {
            case .issueKey: "issue_key"
            case .summary: "summary"
            case .status: "status"
            case .statusCategory: "status_category"
            case .issueTypeID: "issue_type_id"
            case .issueType: "issue_type"
            case .assigneeMemberID: "assignee_member_id"
            case .via: "via"
            }
        }
    }

    /// `[{"project_key","version_id","released","release_date"}]`.
    public let versionsJSON: String
    /// `[{"kind","issue_key","first_seen"}]`, open anomalies of the members.
    public let anomaliesJSON: String
    private let result: PostgresResultView
    /// Row numbers in byte order of the key (PostgreSQL's "C" collation): sorting here is
    /// cheaper than sorting the wide rows in the database.
    private let order: [Int]

    init(issues: PostgresResultView, versionsJSON: String, anomaliesJSON: String) {
        result = issues
        self.versionsJSON = versionsJSON
        self.anomaliesJSON = anomaliesJSON
        order = issues.rowsInByteOrder(of: IssueColumn.issueKey.rawValue)
    }

    public var issueCount: Int { result.rowCount }

    /// Issue `index` (0-based, in key order) column `column`; nil for NULL.
    public func cell(_ index: Int, _ column: IssueColumn) -> UnsafeBufferPointer<UInt8>? {
        result.cell(order[index], column.rawValue)
    }
}
