import Testing
@testable import WorkSupportCore

/// Nearest-rank percentiles found by selection are the values a sort puts at those ranks.
struct FlowPercentileSelectionTests {
    static func bySorting(_ values: [Int]) -> [Int] {
        let sorted = values.map(Double.init).sorted()
        return [50, 85, 95].map { Int(FlowPercentile.value($0, ofSorted: sorted)!) }
    }

    @Test func selectionGivesTheSortedRanksForShuffledOrderedAndRepeatedValues() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for count in [1, 2, 3, 7, 20, 99, 100, 101, 1000, 4097] {
            let shapes: [[Int]] = [
                (0..<count).map { _ in next(1_000_000) },        // spread
                (0..<count).map { _ in next(4) },                // mostly equal
                (0..<count).map { $0 * 3 },                      // ascending
                (0..<count).map { count - $0 },                  // descending
                [Int](repeating: 42, count: count),              // all equal
            ]
            for values in shapes {
                var selecting = values
                #expect(FlowPercentile.values([50, 85, 95], selectingIn: &selecting) == Self.bySorting(values), "\(count)")
                #expect(selecting.sorted() == values.sorted())
            }
        }
    }

    @Test func ranksInAnyOrderAndNoValues() {
        var values = [5, 1, 4, 2, 3]
        #expect(FlowPercentile.values([95, 50, 85], selectingIn: &values) == [5, 3, 5])
        var none: [Int] = []
        #expect(FlowPercentile.values([50], selectingIn: &none) == nil)
    }
}
