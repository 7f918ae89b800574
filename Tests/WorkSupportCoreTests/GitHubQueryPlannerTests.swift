import Foundation
import Testing
@testable import WorkSupportCore

struct GitHubQueryPlannerTests {
    let team = [TeamMember(id: "jdoe", name: "John", jiraID: "x", githubID: "john-doe"),
                TeamMember(id: "jira-only", name: "Jay", jiraID: "y")]

    @Test func oneIssueAndOnePullRequestQueryPerMemberAndLabel() {
        let queries = GitHubQueryPlanner(team: team, labels: ["work-support"]).queries()
        #expect(queries.map(\.text) == [#"label:"work-support" assignee:john-doe is:issue"#,
                                        #"label:"work-support" assignee:john-doe is:pr"#])
        #expect(queries.map(\.memberID) == ["jdoe", "jdoe"])
    }

    @Test func incrementalQueriesAddTheUpdatedDateMinusOverlap() {
        let cursor = UpstreamTimestamp.parse("2026-11-20T00:05:00Z")!
        let queries = GitHubQueryPlanner(team: team, labels: ["ws"], overlapMinutes: 10).queries(updatedSince: cursor)
        #expect(queries.first?.text == #"label:"ws" assignee:john-doe is:issue updated:>=2026-11-19"#)
    }

    @Test func loginThatCouldAlterTheQueryIsSkipped() {
        let odd = [TeamMember(id: "x", name: "X", githubID: "a label:secret")]
        #expect(GitHubQueryPlanner(team: odd, labels: ["ws"]).queries().isEmpty)
    }
}

struct GitHubResultCapSplitterTests {
    /// Items created one per hour over 2026-01-01 … 2026-01-31 (744 items), so counts are exact.
    static let items: [Int64] = (0..<744).map { 1_767_225_600 + Int64($0) * 3600 }

    static func count(_ query: String) -> Int {
        guard let range = query.components(separatedBy: " created:").last, query.contains(" created:") else {
            return items.count
        }
        let bounds = range.components(separatedBy: "..")
        func seconds(_ text: String, end: Bool) -> Int64 {
            if text.count == 10 {
                let start = Int64(UpstreamTimestamp.parse(text + "T00:00:00Z")!.timeIntervalSince1970)
                return end ? start + 86_399 : start
            }
            return Int64(UpstreamTimestamp.parse(text)!.timeIntervalSince1970)
        }
        let low = seconds(bounds[0], end: false), high = seconds(bounds[1], end: true)
        return items.filter { $0 >= low && $0 <= high }.count
    }

    let from = UpstreamTimestamp.parse("2026-01-01T00:00:00Z")!
    let through = UpstreamTimestamp.parse("2026-01-31T12:00:00Z")!

    @Test func queryUnderTheCapIsNotSplit() {
        let parts = GitHubResultCapSplitter.split(query: "q", createdFrom: from, createdThrough: through,
                                                  cap: 1000, count: Self.count)
        #expect(parts == [GitHubQueryPart(text: "q", totalCount: 744, truncated: false)])
    }

    @Test func rangesAreHalvedUntilEveryPartFitsAndNothingIsLost() {
        let parts = GitHubResultCapSplitter.split(query: "q", createdFrom: from, createdThrough: through,
                                                  cap: 100, count: Self.count)
        #expect(parts.allSatisfy { $0.totalCount <= 100 && !$0.truncated })
        #expect(parts.map(\.totalCount).reduce(0, +) == 744)
        #expect(parts.first?.text == "q created:2026-01-01..2026-01-03")
        #expect(parts.last?.text.hasSuffix("..2026-01-31") == true)
    }

    @Test func aSingleDayOverTheCapIsSplitByTime() {
        let parts = GitHubResultCapSplitter.split(query: "q", createdFrom: from, createdThrough: through,
                                                  cap: 10, count: Self.count)
        #expect(parts.map(\.totalCount).reduce(0, +) == 744)
        #expect(parts.contains { $0.text == "q created:2026-01-01T00:00:00Z..2026-01-01T05:59:59Z" })
        #expect(parts.allSatisfy { $0.totalCount <= 10 })
    }

    @Test func aSecondOverTheCapIsReportedTruncated() {
        // Five items in the first second of the day: no range can bring them under a cap of 4.
        let parts = GitHubResultCapSplitter.split(query: "q", createdFrom: from, createdThrough: from, cap: 4) {
            $0 == "q" || $0.contains("created:2026-01-01..") || $0.contains("created:2026-01-01T00:00:00Z..") ? 5 : 0
        }
        #expect(parts.first == GitHubQueryPart(text: "q created:2026-01-01T00:00:00Z..2026-01-01T00:00:00Z",
                                               totalCount: 5, truncated: true))
        #expect(parts.dropFirst().allSatisfy { $0.totalCount == 0 && !$0.truncated })
    }
}
