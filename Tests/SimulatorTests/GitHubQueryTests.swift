import Testing
@testable import Simulator

@Suite struct GitHubQueryTests {
    static let day = SimTime.ms(year: 2026, month: 1, day: 15)
    let item = SimGitHubItem(repo: "acme/api", number: 7, id: 1, title: "Fix login", body: "Implements WSA-1",
                             isPullRequest: true, state: "open", author: "someone", assignee: "Ada-Lovelace",
                             labels: ["work support", "bug"], milestone: "2026.2", created: day + 3_600_000,
                             updated: day + 7_200_000)

    func matches(_ q: String) throws -> Bool { try GitHubQuery.parse(q).matches(item) }

    @Test func quotedLabelAndCaseInsensitiveAssignee() throws {
        #expect(try matches("label:\"work support\" assignee:ada-lovelace"))
        #expect(try !matches("label:\"work support\" assignee:someone-else"))
    }

    @Test func isQualifiersSeparateIssuesAndPullRequests() throws {
        #expect(try matches("is:pr is:open"))
        #expect(try !matches("is:issue"))
    }

    @Test func dateOnlyRangesCoverWholeDays() throws {
        #expect(try matches("created:2026-01-15"))
        #expect(try matches("created:2026-01-01..2026-01-15"))
        #expect(try !matches("created:>2026-01-15"))
        #expect(try matches("updated:>=2026-01-15T01:00:00Z"))
        #expect(try matches("created:*..2026-01-15"))
    }

    @Test func negatedQualifierExcludes() throws {
        #expect(try !matches("-label:bug"))
        #expect(try matches("repo:acme/api -label:wontfix"))
    }

    @Test func unknownQualifierIsRefused() {
        #expect(throws: GitHubQueryError("The qualifier 'sprint' is not supported by the simulator.")) {
            try GitHubQuery.parse("sprint:5")
        }
    }

    @Test func malformedDateIsRefused() {
        #expect(throws: GitHubQueryError.self) { try GitHubQuery.parse("created:>=last-week") }
    }
}
