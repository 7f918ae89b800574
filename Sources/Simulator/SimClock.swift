import Foundation

/// The simulator's "now" at serve time: the wall clock, or a fixed instant (tests, `--now`).
/// Used for relative JQL dates and for the `updated` stamp of edits.
public struct SimClock: Sendable {
    public var fixed: Int64?

    public init(fixed: Int64? = nil) {
        self.fixed = fixed
    }

    public func now() -> Int64 {
        fixed ?? Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
