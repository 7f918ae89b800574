import HTTPClient
import JSON
import Testing
@testable import Simulator

/// `GET /rate_limit` as GitHub answers it: what `worksupport check` reads.
@Suite struct GitHubRateLimitTests {
    @Test func wrongTokenIs401() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.github("/rate_limit", auth: "Bearer wrong").status == 401)
        }
    }

    @Test func askingCostsNoSearchQuota() throws {
        try SimFixture.withSimulator { _, client throws in
            _ = try client.searchGitHub("is:issue")
            let first = try client.github("/rate_limit")
            let second = try client.github("/rate_limit")
            #expect(first.status == 200)
            #expect(first.json["resources"]?["core"]?["remaining"]?.intValue == 5000)
            #expect(first.json["resources"]?["search"]?["used"]?.intValue == 1)
            #expect(second.json["resources"]?["search"]?["used"]?.intValue == 1)
            #expect(first.header("x-ratelimit-resource") == "core")
        }
    }
}
