/// A batch the database refused because of one item (or a few), retried in halves until each
/// refused item stands alone, so that every other item still goes in. With one bad item among n
/// that is about 2·log2(n) smaller writes, paid only after the whole batch failed.
public enum BatchBisection {
    /// One refused item and the failure it met when written alone.
    public struct Rejection<Item> {
        public var item: Item
        public var failure: any Error
    }

    /// `items` failed as a whole with `failure`: writes each half, halving again what fails, and
    /// returns the items that failed alone, in order.
    /// - Parameters:
    ///   - write: writes some of the items, all or nothing.
    ///   - isItemFailure: whether a failure may be the items' fault (bad data), so that fewer items
    ///     may succeed; any other failure (the connection lost) is rethrown at once.
    public static func isolate<Item>(_ items: ArraySlice<Item>, failure: any Error,
                                     write: (ArraySlice<Item>) throws -> Void,
                                     isItemFailure: (any Error) -> Bool) throws -> [Rejection<Item>] {
        var rejected: [Rejection<Item>] = []
        try split(items, failure: failure, write: write, isItemFailure: isItemFailure, into: &rejected)
        return rejected
    }

    private static func split<Item>(_ items: ArraySlice<Item>, failure: any Error,
                                    write: (ArraySlice<Item>) throws -> Void, isItemFailure: (any Error) -> Bool,
                                    into rejected: inout [Rejection<Item>]) throws {
        guard items.count > 1 else {
            if let item = items.first { rejected.append(Rejection(item: item, failure: failure)) }
            return
        }
        let middle = items.startIndex + items.count / 2
        for half in [items[..<middle], items[middle...]] {
            do {
                try write(half)
            } catch where isItemFailure(error) {
                try split(half, failure: error, write: write, isItemFailure: isItemFailure, into: &rejected)
            }
        }
    }
}
