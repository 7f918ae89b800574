import Foundation
import Postgres

extension WebhookDeliveryStore {
    /// Runs `apply` and, when it wrote the delivery's issue (upserted or deleted), the anomaly pass
    /// for that issue and its neighbours, in the delivery's transaction: the neighbours before the
    /// write (its old parent, the other holders of its old linked key) are read in the same
    /// transaction, and the findings commit or roll back with the write.
    func withAnomalyPass(for effect: WebhookEffect,
                         apply: () throws -> (status: String, written: Bool)) throws -> (status: String, written: Bool) {
        guard let pass = anomalyPass, let key = effect.writtenKey else { return try apply() }
        let before = try pass.neighbours(of: [key])
        let outcome = try apply()
        if outcome.written {
            try pass.run(touched: [key], neighboursBefore: before, now: Date())
        }
        return outcome
    }
}

extension WebhookEffect {
    /// The issue an upsert or delete writes; nil for effects that write no issue.
    var writtenKey: String? {
        switch self {
        case .upsert(let record): record.issueKey
        case .delete(let key, _): key
        case .ignore, .store, .fail: nil
        }
    }
}
