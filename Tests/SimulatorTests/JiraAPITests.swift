import HTTPClient
import JSON
import Testing
@testable import Simulator

@Suite struct JiraAPITests {
    @Test func wrongTokenIsRefused() throws {
        try SimFixture.withSimulator { server, client throws in
            let auth = SimCredentials.basicAuthorization(email: server.state.dataset.jiraEmail, token: "nope")
            let response = try client.jira("GET", "/rest/api/3/myself", auth: auth)
            #expect(response.status == 401)
            #expect(response.json["errorMessages"]?[0]?.stringValue?.contains("authenticated") == true)
        }
    }

    @Test func searchPagesThroughTheRootIssues() throws {
        try SimFixture.withSimulator { _, client throws in
            let (keys, pages) = try client.allKeys(jql: SimFixture.dataset.rootJQL, pageSize: 2)
            let expected = SimFixture.dataset.jiraIssues.filter {
                ["WSA", "WSB"].contains($0.project) && $0.issueTypeID == "10004" && $0.labels.contains("SE_product_family")
            }.map(\.key)
            #expect(Set(keys) == Set(expected) && keys.count == expected.count)
            #expect(pages == (expected.count + 1) / 2)
        }
    }

    @Test func searchReturnsOnlyTheRequestedFields() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.jira("POST", "/rest/api/3/search/jql",
                                           json: ["jql": "project = WSA", "fields": ["summary", "status"], "maxResults": 1])
            let fields = try #require(response.json["issues"]?[0]?["fields"]?.objectValue)
            #expect(Set(fields.keys) == ["summary", "status"])
            #expect(fields["status"]?["statusCategory"]?["key"] != nil)
        }
    }

    @Test func searchWithoutFieldsReturnsIDsOnly() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.jira("GET", "/rest/api/3/search/jql?jql=project%20%3D%20WSA&maxResults=1")
            #expect(response.json["issues"]?[0]?["fields"] == nil)
            #expect(response.json["issues"]?[0]?["id"]?.stringValue != nil)
        }
    }

    @Test func maxResultsIsCappedAt100() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.jira("POST", "/rest/api/3/search/jql",
                                           json: ["jql": "project in (WSA, WSB)", "fields": ["summary"], "maxResults": 500])
            #expect(response.json["issues"]?.arrayValue?.count == 100)
            #expect(response.json["isLast"] == false)
        }
    }

    @Test func pagingStaysStableWhenAnIssueIsAddedBetweenPages() throws {
        try SimFixture.withSimulator { _, client throws in
            let jql = "project = WSA ORDER BY key DESC"
            let first = try client.jira("POST", "/rest/api/3/search/jql", json: ["jql": .string(jql), "fields": ["summary"], "maxResults": 10])
            let firstKeys = first.json["issues"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
            let created = try client.control("POST", "/issues", json: ["source": "jira", "project": "WSA", "summary": "late"])
            #expect(created.status == 201)
            var rest: [String] = []
            var token = first.json["nextPageToken"]?.stringValue
            while let current = token {
                let page = try client.jira("POST", "/rest/api/3/search/jql",
                                           json: ["jql": .string(jql), "fields": ["summary"], "maxResults": 100,
                                                  "nextPageToken": .string(current)])
                rest += page.json["issues"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
                token = page.json["nextPageToken"]?.stringValue
            }
            let all = firstKeys + rest
            #expect(Set(all).count == all.count)
            #expect(all.count == SimFixture.dataset.jiraIssues.filter { $0.project == "WSA" }.count)
        }
    }

    @Test func approximateCountCountsWhatTheSearchReturns() throws {
        try SimFixture.withSimulator { _, client throws in
            let jql = SimFixture.dataset.rootJQL
            let (keys, _) = try client.allKeys(jql: jql)
            let response = try client.jira("POST", "/rest/api/3/search/approximate-count", json: ["jql": .string(jql)])
            #expect(response.status == 200)
            #expect(response.json["count"]?.intValue == keys.count)
            let ordered = try client.jira("POST", "/rest/api/3/search/approximate-count",
                                          json: ["jql": .string(jql + " ORDER BY key DESC")])
            #expect(ordered.json["count"]?.intValue == keys.count)
            #expect(try client.jira("POST", "/rest/api/3/search/approximate-count", json: ["jql": ""]).status == 400)
            #expect(try client.jira("POST", "/rest/api/3/search/approximate-count", json: ["jql": "sprint = 1"]).status == 400)
        }
    }

    @Test func approximateCountIs404WhenTheFaultPlanTakesItAway() throws {
        var options = SimulatorServer.Options()
        options.faultPlan.approximateCountAvailable = false
        try SimFixture.withSimulator(options: options) { _, client throws in
            let response = try client.jira("POST", "/rest/api/3/search/approximate-count", json: ["jql": "project = WSA"])
            #expect(response.status == 404)
        }
    }

    @Test func unsupportedJQLIs400NamingTheProblem() throws {
        try SimFixture.withSimulator { _, client throws in
            let response = try client.jira("POST", "/rest/api/3/search/jql", json: ["jql": "sprint in openSprints()"])
            #expect(response.status == 400)
            #expect(response.json["errorMessages"]?[0]?.stringValue == "Field 'sprint' does not exist or you do not have permission to view it.")
            #expect(response.json["errors"]?.objectValue?.isEmpty == true)
        }
    }

    @Test func tokenOfAnotherQueryIsRefused() throws {
        try SimFixture.withSimulator { _, client throws in
            let first = try client.jira("POST", "/rest/api/3/search/jql", json: ["jql": "project = WSA", "maxResults": 1])
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let response = try client.jira("POST", "/rest/api/3/search/jql",
                                           json: ["jql": "project = WSB", "nextPageToken": .string(token)])
            #expect(response.status == 400)
        }
    }

    @Test func issueByKeyHasJiraFieldShapes() throws {
        try SimFixture.withSimulator { _, client throws in
            let issue = try #require(SimFixture.dataset.jiraIssues.first { $0.parentKey != nil && $0.assigneeAccountID != nil })
            let response = try client.jira("GET", "/rest/api/3/issue/\(issue.key)")
            #expect(response.status == 200)
            let fields = response.json["fields"]
            #expect(fields?["parent"]?["key"]?.stringValue == issue.parentKey)
            #expect(fields?["assignee"]?["accountId"]?.stringValue == issue.assigneeAccountID)
            #expect(fields?["issuetype"]?["id"]?.stringValue == issue.issueTypeID)
            #expect(fields?["updated"]?.stringValue == SimTime.jira(issue.updated))
            #expect(fields?["updated"]?.stringValue?.hasSuffix("+0000") == true)
        }
    }

    @Test func missingIssueIs404() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.jira("GET", "/rest/api/3/issue/WSA-99999").status == 404)
        }
    }

    @Test func myselfCarriesTheTimeZone() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.jira("GET", "/rest/api/3/myself").json["timeZone"] == "Europe/Berlin")
        }
    }

    @Test func issueTypesIncludeUnconfiguredOnes() throws {
        try SimFixture.withSimulator { _, client throws in
            let names = try client.jira("GET", "/rest/api/3/issuetype").json.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names?.contains("Product Version") == true && names?.contains("Bug") == true)
        }
    }

    @Test func projectVersionsListReleases() throws {
        try SimFixture.withSimulator { _, client throws in
            let versions = try client.jira("GET", "/rest/api/3/project/WSA/versions").json.arrayValue ?? []
            #expect(versions.count == 5)
            #expect(versions.first?["released"] == true)
            #expect(try client.jira("GET", "/rest/api/3/project/NOPE/versions").status == 404)
        }
    }
}
