import FoundationEssentials
import Postgres
import WorkSupportCore

extension Deployment {
    /// A row selected with `DeliverySQL.deploymentColumns`.
    init(row: PostgresRow) throws {
        let state: String = try row.get("status")
        let changes: String = try row.get("changes_state")
        let note: String? = try row.get("changes_note")
        let range: ChangeRange = switch changes {
        case "known": .known
        case "base_unknown": .baseUnknown
        case "unknown": .unknown(reason: note ?? "")
        default: .pending
        }
        self.init(id: try row.get("id"), repo: try row.get("repo"), environment: try row.get("environment"),
                  isProduction: try row.get("is_production"), sha: try row.get("sha"), ref: try row.get("ref"),
                  state: DeploymentState(rawValue: state) ?? .pending, createdAt: try row.get("created_at"),
                  finishedAt: try row.get("finished_at"), changeRange: range)
    }
}
