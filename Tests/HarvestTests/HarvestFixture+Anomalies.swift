import Foundation
import Harvest
import HTTPClient
import JSON
import Postgres
import WorkSupportStore

/// The anomaly side of the harvest fixture: runs pinned to the manifest's `now`, and the
/// expected and stored findings as `kind issue_key` pairs.
extension HarvestFixture {
    /// The manifest's `now`, at which it evaluated `stale_in_progress`.
    var manifestNow: Date {
        get throws {
            let text = manifest["now"]?.stringValue ?? ""
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw HarvestFixtureError(message: "manifest now '\(text)' is not RFC 3339")
            }
            return date
        }
    }

    /// A harvest whose anomaly pass runs at the manifest's `now`.
    func harvestAtManifestNow(_ options: HarvestOptions = HarvestOptions(kind: .manual)) throws -> HarvestReport {
        let now = try manifestNow
        let waits = self.waits
        return try HarvestRunner(config: config, connection: try database.connect(), progress: HarvestProgress(mode: .never),
                                 sleep: { waits.append($0) }, anomalyClock: { now }).run(options)
    }

    var expectedAnomalies: Set<AnomalyFinding> {
        Set((manifest["anomalies"]?.arrayValue ?? []).map {
            AnomalyFinding(kind: $0["kind"]?.stringValue ?? "", issueKey: $0["issue_key"]?.stringValue ?? "")
        })
    }

    func openAnomalies() throws -> Set<AnomalyFinding> {
        let rows = try database.connect().query("SELECT kind, issue_key FROM anomalies WHERE resolved_at IS NULL")
        return Set(try rows.map { AnomalyFinding(kind: try $0.get("kind"), issueKey: try $0.get("issue_key")) })
    }

    /// Simulator path of an issue key (`owner/repo#12` → `owner/repo%2312`).
    static func simPath(_ key: String) -> String {
        "/issues/" + key.replacingOccurrences(of: "#", with: "%23")
    }
}

struct AnomalyFinding: Hashable, CustomStringConvertible {
    var kind: String
    var issueKey: String
    var description: String { "\(kind) \(issueKey)" }
}

struct HarvestFixtureError: Error {
    var message: String
}
