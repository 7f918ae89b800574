import Testing
import WorkSupportCore

/// The split-retry of a refused batch, against a fake "database" that refuses any write holding
/// a bad item: no I/O, the writes it makes are the assertion.
@Suite struct BatchBisectionTests {
    struct Refused: Error, Equatable { var item: Int }
    struct ConnectionLost: Error {}

    final class Store {
        var stored: [Int] = []
        var writes = 0
        let bad: Set<Int>
        init(bad: Set<Int>) { self.bad = bad }

        func write(_ items: ArraySlice<Int>) throws {
            writes += 1
            if let item = items.first(where: bad.contains) { throw Refused(item: item) }
            stored += items
        }

        func isolate(_ items: [Int], failure: any Error) throws -> [BatchBisection.Rejection<Int>] {
            try BatchBisection.isolate(items[...], failure: failure, write: write, isItemFailure: { $0 is Refused })
        }
    }

    @Test func oneBadItemStandsAloneWithItsOwnFailureAndEveryOtherItemIsStored() throws {
        let store = Store(bad: [137])
        let items = Array(0..<500)
        let rejected = try store.isolate(items, failure: Refused(item: 137))
        #expect(rejected.map(\.item) == [137])
        #expect(rejected.first?.failure as? Refused == Refused(item: 137))
        #expect(store.stored.sorted() == items.filter { $0 != 137 })
        #expect(store.writes <= 2 * 9, "about 2·log2(500) writes, made \(store.writes)")
    }

    @Test func severalBadItemsAreEachIsolatedInOrder() throws {
        let store = Store(bad: [0, 1, 42, 499])
        let rejected = try store.isolate(Array(0..<500), failure: Refused(item: 0))
        #expect(rejected.map(\.item) == [0, 1, 42, 499])
        #expect(store.stored.count == 496)
        #expect(Set(store.stored).isDisjoint(with: [0, 1, 42, 499]))
    }

    @Test func aSingleItemBatchIsRejectedWithoutAnotherWrite() throws {
        let store = Store(bad: [7])
        let rejected = try store.isolate([7], failure: Refused(item: 7))
        #expect(rejected.map(\.item) == [7])
        #expect(store.writes == 0)
    }

    @Test func aFailureThatIsNotTheItemsFaultEndsTheBisection() {
        var writes = 0
        #expect(throws: ConnectionLost.self) {
            try BatchBisection.isolate(Array(0..<8)[...], failure: Refused(item: 0),
                                       write: { _ in writes += 1; throw ConnectionLost() }, isItemFailure: { $0 is Refused })
        }
        #expect(writes == 1)
    }
}
