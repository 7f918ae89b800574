import Postgres

/// The nodes of `HierarchyQuery.tree` in depth-first order, read in place (valid only inside the
/// query's closure): a 2k-node tree is written straight into the response.
public struct HierarchyRows {
    /// The columns a node shows, in the order the API shows them (all text, nil for NULL).
    public enum Column: Int, Sendable {
        case issueKey = 2, summary, issueType, status, assignee, assigneeName
    }

    private static let depthColumn = 0, parentColumn = 1
    private let result: PostgresResultView
    /// Result rows in depth-first order.
    private let order: [Int]

    init(result: PostgresResultView) {
        self.result = result
        order = Self.depthFirst(result)
    }

    public var count: Int { order.count }

    /// 0 for a root, 1 for its children, … (`index` in depth-first order).
    public func depth(_ index: Int) -> Int { Self.depth(result, order[index]) }

    public func cell(_ index: Int, _ column: Column) -> UnsafeBufferPointer<UInt8>? {
        result.cell(order[index], column.rawValue)
    }

    private static func depth(_ result: PostgresResultView, _ row: Int) -> Int {
        result.bytes(row, depthColumn).reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
    }

    /// A node's place as a parent: its key at its depth (the same key at two depths heads two
    /// separate subtrees).
    private struct ParentSlot: Hashable {
        let key: String
        let depth: Int
    }

    /// Roots, then each node's children right after it, siblings in byte order of their keys.
    private static func depthFirst(_ result: PostgresResultView) -> [Int] {
        let key = Column.issueKey.rawValue
        func byKey(_ a: Int, _ b: Int) -> Bool { PostgresResultView.precedes(result.bytes(a, key), result.bytes(b, key)) }
        var roots: [Int] = []
        var children: [ParentSlot: [Int]] = [:]
        for row in 0..<result.rowCount {
            if result.isNull(row, parentColumn) {
                roots.append(row)
            } else {
                let parent = ParentSlot(key: String(decoding: result.bytes(row, parentColumn), as: UTF8.self),
                                        depth: depth(result, row) - 1)
                children[parent, default: []].append(row)
            }
        }
        var order: [Int] = []
        order.reserveCapacity(result.rowCount)
        var pending = roots.sorted(by: byKey).reversed() as [Int]
        while let row = pending.popLast() {
            order.append(row)
            let slot = ParentSlot(key: String(decoding: result.bytes(row, key), as: UTF8.self), depth: depth(result, row))
            if let below = children[slot] { pending.append(contentsOf: below.sorted(by: byKey).reversed()) }
        }
        return order
    }
}
