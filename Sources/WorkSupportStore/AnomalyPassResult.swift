/// What one anomaly pass changed: findings that appeared (new or reopened), that went away, and
/// how many are open after it.
public struct AnomalyPassResult: Sendable, Equatable {
    public var new: Int
    public var resolved: Int
    public var open: Int

    public init(new: Int, resolved: Int, open: Int) {
        self.new = new
        self.resolved = resolved
        self.open = open
    }
}
