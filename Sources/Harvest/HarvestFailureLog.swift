import Connectors
import Foundation
import Logging
import WorkSupportStore

/// Per-item and per-query failures of a run: each becomes a `harvest_errors` row and a journal
/// line; the run goes on and ends `partial`.
final class HarvestFailureLog {
    struct Failure {
        var source: HarvestErrorSource
        var itemKey: String?
        var reason: String
        var httpStatus: Int?
        var attempts: Int
    }

    private(set) var failures: [Failure] = []
    let progress: HarvestProgress

    init(progress: HarvestProgress) { self.progress = progress }

    func count(of source: HarvestErrorSource) -> Int { failures.filter { $0.source == source }.count }
    var isEmpty: Bool { failures.isEmpty }

    func record(_ source: HarvestErrorSource, itemKey: String?, error: any Error) {
        if let upstream = error as? UpstreamError {
            append(Failure(source: source, itemKey: itemKey, reason: upstream.description,
                           httpStatus: upstream.status, attempts: upstream.attempts))
        } else {
            append(Failure(source: source, itemKey: itemKey, reason: String(describing: error), httpStatus: nil, attempts: 1))
        }
    }

    func record(_ source: HarvestErrorSource, itemKey: String?, reason: String) {
        append(Failure(source: source, itemKey: itemKey, reason: reason, httpStatus: nil, attempts: 1))
    }

    private func append(_ failure: Failure) {
        failures.append(failure)
        var fields: Logger.Metadata = ["source": "\(failure.source.rawValue)", "attempts": "\(failure.attempts)",
                                       "reason": "\(failure.reason.prefix(300))"]
        if let key = failure.itemKey { fields["item"] = "\(key.prefix(120))" }
        if let status = failure.httpStatus { fields["status"] = "\(status)" }
        progress.log("error", fields, level: .error)
    }
}
