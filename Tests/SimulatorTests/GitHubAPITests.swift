import HTTPClient
import JSON
import Testing
@testable import Simulator

@Suite struct GitHubAPITests {
    var heavyLogin: String { SimFixture.dataset.members[0].githubLogin! }

    @Test func missingTokenIs401() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.github("/search/issues?q=is:issue", auth: "token wrong").status == 401)
        }
    }

    @Test func tokenSchemeIsAccepted() throws {
        try SimFixture.withSimulator { server, client throws in
            #expect(try client.github("/search/issues?q=is:issue", auth: "token \(SimCredentials.defaultGitHubToken)").status == 200)
        }
    }

    @Test func totalCountCountsBeyondTheCap() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.searchGitHub("label:\"work-support\" assignee:\(heavyLogin.lowercased())")
            let total = try #require(response.json["total_count"]?.intValue)
            #expect(total > 1000)
            #expect(response.json["incomplete_results"] == false)
            #expect(response.json["items"]?.arrayValue?.count == 100)
        }
    }

    @Test func linkHeaderNamesNextAndTheLastReachablePage() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.searchGitHub("assignee:\(heavyLogin)", perPage: 100, page: 1)
            let link = try #require(response.header("link"))
            #expect(link.contains("page=2>; rel=\"next\""))
            #expect(link.contains("page=10>; rel=\"last\""))
        }
    }

    @Test func pagePastTheCapIs422() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.searchGitHub("assignee:\(heavyLogin)", perPage: 100, page: 11)
            #expect(response.status == 422)
            #expect(response.json["message"]?.stringValue == "Only the first 1000 search results are available")
        }
    }

    @Test func perPageIsCappedAt100() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.searchGitHub("assignee:\(heavyLogin)", perPage: 500).json["items"]?.arrayValue?.count == 100)
        }
    }

    @Test func createdRangesSplitTheResults() throws {
        try SimFixture.withSimulator { _, client throws in
            let base = "label:work-support assignee:\(heavyLogin)"
            let all = try client.searchGitHub(base).json["total_count"]?.intValue ?? 0
            let early = try client.searchGitHub(base + " created:<2025-06-01").json["total_count"]?.intValue ?? 0
            let late = try client.searchGitHub(base + " created:>=2025-06-01").json["total_count"]?.intValue ?? 0
            #expect(early > 0 && late > 0 && early + late == all)
        }
    }

    @Test func rateLimitHeadersCountDown() throws {
        try SimFixture.withSimulator { _, client throws in
            let first = try client.searchGitHub("is:pr")
            let second = try client.searchGitHub("is:pr")
            let a = Int(first.header("x-ratelimit-remaining") ?? "") ?? -1
            let b = Int(second.header("x-ratelimit-remaining") ?? "") ?? -1
            #expect(b == a - 1)
            #expect(first.header("x-ratelimit-reset") != nil && first.header("x-ratelimit-limit") != nil)
        }
    }

    @Test func enforcedSearchLimitAnswers403WithRemainingZero() throws {
        let options = SimulatorServer.Options(faultPlan: try FaultPlan.parse("search-limit=2"))
        try SimFixture.withSimulator(options: options) { _, client throws in
            #expect(try client.searchGitHub("is:pr").status == 200)
            #expect(try client.searchGitHub("is:pr").status == 200)
            let refused = try client.searchGitHub("is:pr")
            #expect(refused.status == 403)
            #expect(refused.header("x-ratelimit-remaining") == "0")
        }
    }

    @Test func unknownQualifierIs422() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.searchGitHub("sprint:4")
            #expect(response.status == 422)
            #expect(response.json["message"] == "Validation Failed")
        }
    }

    @Test func pullRequestItemsCarryMergedAt() throws {
        try SimFixture.withSimulator { server, client throws in
            let item = try #require(client.searchGitHub("is:pr is:merged", perPage: 1).json["items"]?[0])
            #expect(item["pull_request"]?["merged_at"]?.stringValue != nil)
            #expect(item["repository_url"]?.stringValue?.hasPrefix(server.baseURL + "/repos/") == true)
        }
    }
}
