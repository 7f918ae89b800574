import Foundation
import Testing
import WorkSupportStore

/// The filters' canonical text names a shared keys document: equal exactly for equal filters.
@Suite struct IssueKeyFilterTextTests {
    @Test func valueOrderDoesNotMatter() {
        var one = IssueKeyFilter()
        one.assignees = ["jdoe", "asmith"]
        one.statuses = ["Open", "Done"]
        var other = IssueKeyFilter()
        other.assignees = ["asmith", "jdoe"]
        other.statuses = ["Done", "Open"]
        #expect(one.canonicalText == other.canonicalText)
    }

    @Test func theSameValueUnderAnotherFilterDiffers() {
        var byAssignee = IssueKeyFilter()
        byAssignee.assignees = ["Open"]
        var byStatus = IssueKeyFilter()
        byStatus.statuses = ["Open"]
        #expect(byAssignee.canonicalText != byStatus.canonicalText)
        #expect(IssueKeyFilter().canonicalText == "")
    }

    /// Values are counted, not separated: no value can pass for two.
    @Test func valuesWithSeparatorsInsideStayApart() {
        var joined = IssueKeyFilter()
        joined.labels = ["a\nlabel=1:b"]
        var split = IssueKeyFilter()
        split.labels = ["a", "b"]
        #expect(joined.canonicalText != split.canonicalText)
    }

    @Test func updatedSinceCountsToTheSubsecond() {
        var early = IssueKeyFilter()
        early.updatedSince = Date(timeIntervalSince1970: 1_767_225_600)
        var later = IssueKeyFilter()
        later.updatedSince = Date(timeIntervalSince1970: 1_767_225_600.5)
        #expect(early.canonicalText != later.canonicalText)
        #expect(early.canonicalText.contains("updated_since="))
    }
}
