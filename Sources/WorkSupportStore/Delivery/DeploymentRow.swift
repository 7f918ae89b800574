import FoundationEssentials
import Postgres
import WorkSupportCore

extension Deployment {
    /// A row selected with `DeliverySQL.deploymentColumns`.
    init(row: PostgresRow) throws {
        let state: String = try row.get("status")
        self.init(id: try row.get("id"), repo: try row.get("repo"), environment: try row.get("environment"),
                  isProduction: try row.get("is_production"), sha: try row.get("sha"), ref: try row.get("ref"),
                  state: DeploymentState(rawValue: state) ?? .pending, createdAt: try row.get("created_at"),
                  finishedAt: try row.get("finished_at"),
                  changeRange: Self.changeRange(state: try row.get("changes_state"), note: try row.get("changes_note")))
    }

    /// `deployments.changes_state` and `changes_note` as the range they describe.
    static func changeRange(state: String, note: String?) -> ChangeRange {
        switch state {
        case "known": .known
        case "base_unknown": .baseUnknown
        case "unknown": .unknown(reason: note ?? "")
        default: .pending
        }
    }
}
