import FoundationEssentials
import Postgres

/// The pass for the issues one write touched: the full pass's rule and membership SQL restricted to
/// those issues and their neighbours, three prepared statements on indexes, inside the caller's
/// transaction:
///
///     let before = try pass.neighbours(of: keys)   // before the write
///     …write…
///     try pass.run(touched: keys, neighboursBefore: before, now: Date())
///
/// Findings of issues outside that scope stay as they are; the next full pass sees everything.
extension AnomalyPass {
    /// What `neighbours(of:)` read before the write, for `run(touched:neighboursBefore:now:)`.
    public struct ScopedNeighbours: Sendable {
        /// Parents and epics of the touched issues.
        public var parents: [String]
        /// The touched issues' linked keys (GitHub items referring to a Jira key).
        public var linkedKeys: [String]
    }

    /// The parents, epics and linked keys of `keys`' issues as they are now: what a write to them
    /// may take out of reach. Takes the pass lock shared until the transaction ends, so a full
    /// pass runs before or after, never in between.
    public func neighbours(of keys: [String]) throws(StoreError) -> ScopedNeighbours {
        try storeCall {
            var before = ScopedNeighbours(parents: [], linkedKeys: [])
            for row in try connection.run(AnomalyLifecycleSQL.neighbourKeys, [keys, Self.lockKey]) {
                before.parents += [try row.get("parent_key") as String?, try row.get("epic_key")].compactMap { $0 }
                if let linked: String = try row.get("linked_key") { before.linkedKeys.append(linked) }
            }
            return before
        }
    }

    /// Brings the memberships of `touched` and their inheriting descendants up to date, then
    /// applies the rules and the lifecycle to `touched` and to their neighbours before (`before`)
    /// and now. The counts are for that scope.
    @discardableResult
    public func run(touched: [String], neighboursBefore before: ScopedNeighbours, now: Date) throws(StoreError) -> AnomalyPassResult {
        try storeCall {
            let previous: [String] = try connection.run(AnomalyLifecycleSQL.nestedLoopPlans)[0].get("previous")
            let rows = try connection.run(AnomalyLifecycleSQL.scopedPass, [
                release.labelPattern, now, anomaly.staleDays, Int64?.none, touched, before.parents, before.linkedKeys,
                previous,
            ])
            return try AnomalyPassResult(rows[0])
        }
    }
}
