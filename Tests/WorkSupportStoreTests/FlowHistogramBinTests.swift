import Testing
@testable import WorkSupportStore

/// The page's cycle-time histogram bins figures as `width_bucket` did in SQL: a bin holds its
/// lower edge, not its upper one, and a negative figure lies in no bin.
@Suite struct FlowHistogramBinTests {
    @Test func aCycleTimeOnAnEdgeFallsInTheBinThatEdgeStartsAndANegativeOneInNone() {
        #expect(FlowReport.binIndex(milliseconds: -1) == nil)
        #expect(FlowReport.binIndex(milliseconds: 0) == 0)
        #expect(FlowReport.binIndex(milliseconds: 86_399_999) == 0)
        #expect(FlowReport.binIndex(milliseconds: 86_400_000) == 1)
        #expect(FlowReport.binIndex(milliseconds: 4_838_399_999) == 6)
        #expect(FlowReport.binIndex(milliseconds: 4_838_400_000) == 7)
        #expect(FlowReport.binIndex(milliseconds: 100_000_000_000) == 7)
        #expect(FlowReport.emptyHistogram.map(\.upperSeconds) == FlowReport.binEdges.dropFirst().map(\.seconds) + [nil])
    }
}
