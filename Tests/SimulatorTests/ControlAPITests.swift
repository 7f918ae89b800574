import Foundation
import HTTPClient
import JSON
import Testing
@testable import Simulator

@Suite struct ControlAPITests {
    let fixed = SimulatorServer.Options(clock: SimClock(fixed: SimTime.ms(year: 2026, month: 11, day: 21)))

    @Test func patchBumpsUpdatedAndShowsInIncrementalSearch() throws {
        try SimFixture.withSimulator(options: fixed) { _, client throws in
            let key = SimFixture.dataset.jiraIssues[20].key
            let patched = try client.control("PATCH", "/issues/\(key)", json: ["summary": "Edited", "status": "Done"])
            #expect(patched.status == 200)
            #expect(patched.json["updated"] == "2026-11-21T00:00:00.000Z")
            let (keys, _) = try client.allKeys(jql: "updated >= \"2026-11-20\"")
            #expect(keys == [key])
            let issue = try client.jira("GET", "/rest/api/3/issue/\(key)").json["fields"]
            #expect(issue?["summary"] == "Edited" && issue?["resolutiondate"]?.stringValue != nil)
        }
    }

    @Test func addedJiraIssueGetsTheNextKey() throws {
        try SimFixture.withSimulator(options: fixed) { _, client throws in
            let next = (SimFixture.dataset.jiraIssues.filter { $0.project == "WSB" }.map(\.number).max() ?? 0) + 1
            let response = try client.control("POST", "/issues", json: [
                "source": "jira", "project": "WSB", "summary": "New", "issuetype": "Story", "parent": "WSB-1",
                "labels": ["work-support"],
            ])
            #expect(response.json["issue_key"]?.stringValue == "WSB-\(next)")
            #expect(try client.jira("GET", "/rest/api/3/issue/WSB-\(next)").json["fields"]?["parent"]?["key"] == "WSB-1")
        }
    }

    @Test func addedGitHubItemIsSearchable() throws {
        try SimFixture.withSimulator(options: fixed) { _, client throws in
            let response = try client.control("POST", "/issues", json: [
                "source": "github", "repo": "acme/new-repo", "title": "Brand new", "pull_request": true,
                "assignee": "Somebody", "labels": ["work-support"],
            ])
            #expect(response.json["issue_key"] == "acme/new-repo#1")
            let found = try client.searchGitHub("repo:acme/new-repo is:pr")
            #expect(found.json["total_count"] == 1)
        }
    }

    @Test func deleteRemovesAGitHubItemByPath() throws {
        try SimFixture.withSimulator(options: fixed) { _, client throws in
            let item = SimFixture.dataset.githubItems[0]
            let parts = item.repo.split(separator: "/")
            #expect(try client.control("DELETE", "/issues/\(parts[0])/\(parts[1])/\(item.number)").status == 200)
            let found = try client.searchGitHub("repo:\(item.repo)", perPage: 100)
            let numbers = found.json["items"]?.arrayValue?.compactMap { $0["number"]?.intValue } ?? []
            #expect(!numbers.contains(item.number))
            #expect(try client.control("DELETE", "/issues/\(parts[0])/\(parts[1])/\(item.number)").status == 404)
        }
    }

    @Test func mergingAPullRequestClosesIt() throws {
        try SimFixture.withSimulator(options: fixed) { server, client throws in
            let item = try #require(SimFixture.dataset.githubItems.first { $0.isPullRequest && $0.state == "open" })
            let path = "/issues/\(item.repo)%23\(item.number)"
            #expect(try client.control("PATCH", path, json: ["merged": true]).status == 200)
            let stored = try #require(server.state.dataset.githubItems.first { $0.key == item.key })
            #expect(stored.state == "closed" && stored.merged == SimTime.ms(year: 2026, month: 11, day: 21))
        }
    }

    @Test func unknownFieldIsRefused() throws {
        try SimFixture.withSimulator(options: fixed) { _, client throws in
            let response = try client.control("PATCH", "/issues/WSA-1", json: ["sprint": "5"])
            #expect(response.status == 400)
            #expect(response.json["error"]?["message"] == "unknown Jira field 'sprint'")
        }
    }

    @Test func resetRestoresTheDatasetAndClearsTheLog() throws {
        try SimFixture.withSimulator(options: fixed) { server, client throws in
            _ = try client.control("DELETE", "/issues/WSA-1")
            _ = try client.jira("GET", "/rest/api/3/myself")
            #expect(try client.control("POST", "/reset").status == 200)
            #expect(server.state.dataset == SimFixture.dataset)
            #expect(try client.control("GET", "/requests").json["count"] == 0)
        }
    }

    @Test func requestLogCountsAPIRequestsOnly() throws {
        try SimFixture.withSimulator { _, client throws in
            _ = try client.jira("POST", "/rest/api/3/search/jql", json: ["jql": "project = WSA"])
            _ = try client.searchGitHub("is:issue")
            _ = try client.control("GET", "/status")
            let log = try client.control("GET", "/requests").json
            #expect(log["count"] == 2)
            let first = log["requests"]?[0]
            #expect(first?["method"] == "POST" && first?["path"] == "/rest/api/3/search/jql" && first?["status"] == 200)
            #expect(first?["body"]?.stringValue?.contains("project = WSA") == true)
            #expect(log["requests"]?[1]?["query"]?.stringValue?.hasPrefix("q=") == true)
        }
    }

    @Test func requestLogIsMirroredAsJSONLines() throws {
        let path = "/tmp/worksupport-sim-test-\(UInt64.random(in: 0...UInt64.max)).jsonl"
        defer { unlink(path) }
        try SimFixture.withSimulator(options: SimulatorServer.Options(requestLogPath: path)) { _, client throws in
            _ = try client.jira("GET", "/rest/api/3/myself")
            _ = try client.jira("GET", "/rest/api/3/issuetype")
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONValue.parse(String(lines[1]))["path"] == "/rest/api/3/issuetype")
    }
}
