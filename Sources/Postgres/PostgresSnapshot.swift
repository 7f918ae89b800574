/// A `pg_snapshot` (`xmin:xmax:xip,…`): which transactions a statement saw as ended.
/// Transaction ids below `xmin` had ended; from `xmax` on they had not begun; in between,
/// those listed in `inProgress` were running.
public struct PostgresSnapshot: Sendable, Hashable {
    public let xmin: Int64
    public let xmax: Int64
    public let inProgress: [Int64]

    public init(xmin: Int64, xmax: Int64, inProgress: [Int64] = []) {
        self.xmin = xmin
        self.xmax = xmax
        self.inProgress = inProgress
    }

    /// The server's text form; nil for anything else.
    public init?(text: some StringProtocol) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let xmin = Int64(fields[0]), let xmax = Int64(fields[1]), xmin <= xmax else {
            return nil
        }
        var inProgress: [Int64] = []
        if !fields[2].isEmpty {
            for field in fields[2].split(separator: ",", omittingEmptySubsequences: false) {
                guard let xid = Int64(field), xid >= xmin, xid < xmax else { return nil }
                inProgress.append(xid)
            }
        }
        self.init(xmin: xmin, xmax: xmax, inProgress: inProgress)
    }

    public var text: String { "\(xmin):\(xmax):" + inProgress.map(String.init).joined(separator: ",") }

    /// Whether transaction `xid` had ended when the snapshot was taken (committed or not:
    /// the changes of one that committed are visible in it).
    public func hasEnded(_ xid: Int64) -> Bool {
        xid < xmin || (xid < xmax && !inProgress.contains(xid))
    }

    /// Whether every transaction that had ended in `earlier` had ended in this snapshot too.
    public func includes(_ earlier: PostgresSnapshot) -> Bool {
        guard xmax >= earlier.xmax else { return false }
        // Below earlier.xmax, only its own running ones may still run here.
        return inProgress.allSatisfy { $0 >= earlier.xmax || earlier.inProgress.contains($0) }
    }
}
