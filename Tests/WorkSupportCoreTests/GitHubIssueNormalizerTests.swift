import Foundation
import JSON
import Testing
@testable import WorkSupportCore

struct GitHubIssueNormalizerTests {
    typealias F = NormalizationFixtures
    let normalizer = GitHubIssueNormalizer(team: F.team)

    @Test func webhookIssueMapsEveryField() throws {
        let payload = try F.webhookPayload("issues", "opened")
        let record = try #require(try normalizer.normalize(webhookPayload: payload))
        #expect(record.issueKey == "Codertocat/Hello-World#1")
        #expect(record.source == .github)
        #expect(record.summary == "Spelling error in the README file")
        #expect(record.status == "open")
        #expect(record.statusCategory == "new")
        #expect(record.issueTypeID == -2)
        #expect(record.issueTypeName == "GitHub Issue")
        #expect(record.parentKey == nil)
        #expect(record.linkedKey == nil)
        #expect(record.assignee == "Codertocat")
        #expect(record.assigneeMemberID == "jdoe")
        #expect(record.labels == ["bug"])
        #expect(record.fixVersions == ["v1.0"])
        #expect(record.url == "https://github.com/Codertocat/Hello-World/issues/1")
        #expect(record.createdAt == F.date("2019-05-15T15:20:18Z"))
        #expect(record.updatedAt == F.date("2019-05-15T15:20:18Z"))
        #expect(record.resolvedAt == nil)
        #expect(record.raw == payload["issue"])
    }

    @Test(arguments: ["assigned", "edited", "labeled", "opened", "reopened", "unassigned"])
    func everyIssuesWebhookNormalizes(action: String) throws {
        let record = try #require(try normalizer.normalize(webhookPayload: try F.webhookPayload("issues", action)))
        #expect(record.issueKey == "Codertocat/Hello-World#1")
        #expect(record.issueTypeID == -2)
    }

    @Test func webhookPullRequestIsTypeMinusThreeAndOpenIsInProgress() throws {
        let record = try #require(try normalizer.normalize(webhookPayload: try F.webhookPayload("pull_request", "opened")))
        #expect(record.issueKey == "Codertocat/Hello-World#2")
        #expect(record.issueTypeID == -3)
        #expect(record.issueTypeName == "GitHub Pull Request")
        #expect(record.status == "open")
        #expect(record.statusCategory == "indeterminate")
        #expect(record.assignee == nil)
        #expect(record.fixVersions == [])
        #expect(record.url == "https://github.com/Codertocat/Hello-World/pull/2")
    }

    @Test func closedUnmergedPullRequestIsClosedAndDone() throws {
        let record = try #require(try normalizer.normalize(webhookPayload: try F.webhookPayload("pull_request", "closed")))
        #expect(record.status == "closed")
        #expect(record.statusCategory == "done")
        #expect(record.resolvedAt == F.date("2019-05-15T15:21:18Z"))
    }

    @Test func mergedWebhookPullRequestIsMerged() throws {
        var pullRequest = try #require(try F.webhookPayload("pull_request", "closed")["pull_request"]?.objectValue)
        pullRequest["merged"] = true
        pullRequest["merged_at"] = "2019-05-15T15:21:18Z"
        let record = try normalizer.normalize(.object(pullRequest), repositoryFullName: "Codertocat/Hello-World",
                                              isPullRequest: true)
        #expect(record.status == "merged")
        #expect(record.statusCategory == "done")
    }

    @Test func searchItemTakesKeyFromRepositoryURLAndDetectsMergedPullRequest() throws {
        let item: JSONValue = [
            "number": 45, "title": "Fix AIPRDV-12 paging", "state": "closed",
            "repository_url": "https://api.github.com/repos/acme/widgets",
            "html_url": "https://github.com/acme/widgets/pull/45",
            "pull_request": ["url": "https://api.github.com/repos/acme/widgets/pulls/45",
                             "merged_at": "2026-11-20T10:15:30Z"],
            "assignee": ["login": "ANN-SMITH"], "labels": [["name": "work-support"]], "milestone": .null,
            "created_at": "2026-11-19T10:00:00Z", "updated_at": "2026-11-20T10:15:30Z",
            "closed_at": "2026-11-20T10:15:30Z", "body": .null,
        ]
        let record = try normalizer.normalize(item)
        #expect(record.issueKey == "acme/widgets#45")
        #expect(record.issueTypeID == -3)
        #expect(record.status == "merged")
        #expect(record.statusCategory == "done")
        #expect(record.linkedKey == "AIPRDV-12")
        #expect(record.assigneeMemberID == "asmith")
        #expect(record.fixVersions == [])
        #expect(record.resolvedAt == F.date("2026-11-20T10:15:30Z"))
    }

    @Test func searchItemWithNullPullRequestMemberIsAnIssue() throws {
        let item: JSONValue = ["number": 3, "repository_url": "https://ghe.example/api/v3/repos/o/r",
                               "state": "open", "updated_at": "2026-11-20T10:15:30Z", "pull_request": .null]
        let record = try normalizer.normalize(item)
        #expect(record.issueKey == "o/r#3")
        #expect(record.issueTypeID == -2)
    }

    @Test func linkedKeyComesFromBodyWhenTitleHasNone() throws {
        let item: JSONValue = ["number": 3, "repository_url": "https://api.github.com/repos/o/r", "state": "open",
                               "updated_at": "2026-11-20T10:15:30Z", "title": "Crash on start (see X-1)",
                               "body": "Tracked in jira as IAIPORT-77, also AIPRDV-1."]
        #expect(try normalizer.normalize(item).linkedKey == "IAIPORT-77")
    }

    @Test func jiraKeyNeedsTwoProjectCharacters() {
        #expect(JiraKeyPattern.firstKey(in: "see X-1 and AB-12x") == "AB-12")
        #expect(JiraKeyPattern.firstKey(in: "no key here - 12") == nil)
        #expect(JiraKeyPattern.firstKey(in: "lowercase abc-1 then A_B9-7") == "A_B9-7")
    }

    @Test func missingNumberIsAnError() {
        let item: JSONValue = ["repository_url": "https://api.github.com/repos/o/r", "updated_at": "2026-11-20T10:15:30Z"]
        #expect(throws: NormalizationError(code: .missingKey, source: .github, itemKey: nil, field: "number")) {
            try normalizer.normalize(item)
        }
    }

    @Test func missingUpdatedIsAnErrorNamingTheKey() {
        let item: JSONValue = ["number": 8, "repository_url": "https://api.github.com/repos/o/r"]
        #expect(throws: NormalizationError(code: .missingUpdated, source: .github, itemKey: "o/r#8",
                                           field: "updated_at")) {
            try normalizer.normalize(item)
        }
    }

    @Test func missingRepositoryIsAnError() {
        let item: JSONValue = ["number": 8, "updated_at": "2026-11-20T10:15:30Z"]
        #expect(throws: NormalizationError(code: .missingRepository, source: .github, itemKey: "#8",
                                           field: "repository_url")) {
            try normalizer.normalize(item)
        }
    }

    @Test func payloadWithoutIssueOrPullRequestGivesNothing() throws {
        #expect(try normalizer.normalize(webhookPayload: try F.webhookPayload("ping", "payload")) == nil)
    }
}
