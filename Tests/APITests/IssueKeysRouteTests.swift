import JSON
import Testing

@Suite struct IssueKeysRouteTests {
    @Test func withoutFiltersEveryKeyIsListedWithCountAndHarvestTime() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/keys")
        #expect(response.status == 200)
        #expect(response.json["issue_keys"] == .array(SeedData.allKeys.map { .string($0) }))
        #expect(response.json["total_count"] == .int(Int64(SeedData.issues.count)))
        #expect(response.json["harvested_at"] == "2026-01-19T08:04:00Z")
        #expect(response.json["next_cursor"] == nil)
    }

    @Test func sourceFilter() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("source=github") == ["acme/api#1", "acme/api#2", "acme/api#3", "acme/api#4",
                                                  "acme/web#7", "acme/web#8"])
        #expect(fixture.keys("source=jira&source=github").count == SeedData.issues.count)
    }

    @Test func assigneeByMemberNameMatchesJiraAndGitHubIssues() throws {
        let fixture = try APIFixture()
        let expected = ["PV-1", "FEAT-2", "STORY-1", "STORY-4", "TASK-1", "acme/api#1", "acme/api#2"].sorted()
        #expect(fixture.keys("assignee=John+Doe") == expected)
    }

    @Test func assigneeByJiraIdGitHubLoginOrMemberIdMatchesTheMember() throws {
        let fixture = try APIFixture()
        let all = fixture.keys("assignee=jdoe")
        #expect(all.count == 7)
        // acc-jdoe is both the raw assignee and the member's Jira id: each key matches twice
        // (the statement's two halves) and is listed, and counted, once.
        let byJiraID = fixture.get("/api/issues/keys?assignee=acc-jdoe").json
        #expect(byJiraID["issue_keys"] == .array(all.map { .string($0) }))
        #expect(byJiraID["total_count"] == 7)
        #expect(fixture.keys("assignee=john-doe") == all, "GitHub logins match in any case")
    }

    /// Unpaged keys travel joined by line breaks; a key holding one falls back to rows.
    @Test func aKeyWithALineBreakIsListedWhole() throws {
        let fixture = try APIFixture()
        try fixture.connection.query("""
            INSERT INTO issues (issue_key, source, summary, status, assignee, assignee_member_id, updated_at, harvested_at)
            VALUES (E'ODD\\nKEY-1', 'jira', 'odd', 'To Do', 'acc-jdoe', 'jdoe', now(), now())
            """)
        let response = fixture.get("/api/issues/keys?assignee=jdoe")
        let expected = ["FEAT-2", "ODD\nKEY-1", "PV-1", "STORY-1", "STORY-4", "TASK-1", "acme/api#1", "acme/api#2"]
        #expect(response.json["issue_keys"] == .array(expected.map { .string($0) }))
        #expect(response.json["total_count"] == 8)
        #expect(response.json["harvested_at"] == "2026-01-19T08:04:00Z")
        #expect(fixture.keys("status=To+Do").contains("ODD\nKEY-1"))
    }

    @Test func assigneeNotAMemberMatchesTheRawUpstreamId() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("assignee=acc-stranger") == ["TASK-2", "UNK-1"])
    }

    @Test func repeatedLabelsMustAllBePresent() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("label=backend") == ["STORY-1", "STORY-2", "acme/api#1"])
        #expect(fixture.keys("label=backend&label=release-1") == [])
        #expect(fixture.keys("label=work-support&label=frontend") == ["STORY-3", "acme/api#3"])
    }

    @Test func issueTypeByNameOrId() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("issue_type=Feature") == ["FEAT-1", "FEAT-2", "FEAT-3"])
        #expect(fixture.keys("issue_type=10000") == ["FEAT-1", "FEAT-2", "FEAT-3"])
        #expect(fixture.keys("issue_type=product+version") == ["PV-1", "PV-2"])
        #expect(fixture.keys("issue_type=-1") == ["UNK-1"])
    }

    @Test func parentKeyFilter() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("parent_key=FEAT-1") == ["STORY-1", "STORY-2"])
        #expect(fixture.keys("parent_key=STORY-1") == ["acme/api#1"])
    }

    @Test func statusFilter() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("status=Done") == ["FEAT-2", "STORY-2", "TASK-1"])
    }

    @Test func updatedSinceFilter() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("updated_since=2026-01-15T10:00:00Z") == ["acme/api#3", "acme/api#4", "acme/web#7", "acme/web#8"])
        #expect(fixture.keys("updated_since=2026-01-15T12:00:00%2B02:00") == ["acme/api#3", "acme/api#4", "acme/web#7", "acme/web#8"])
    }

    @Test func filtersCombine() throws {
        let fixture = try APIFixture()
        #expect(fixture.keys("source=jira&assignee=jdoe&status=Done") == ["FEAT-2", "TASK-1"])
    }

    @Test func totalCountCountsEveryMatchNotThePage() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/keys?source=jira&limit=3")
        #expect(response.json["issue_keys"]?.arrayValue?.count == 3)
        #expect(response.json["total_count"] == 14)
        #expect(response.json["next_cursor"]?.stringValue != nil)
    }

    @Test func cursorPagingWalksEveryKeyExactlyOnce() throws {
        let fixture = try APIFixture()
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let query = "limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = fixture.get("/api/issues/keys?" + query)
            #expect(response.status == 200)
            seen += response.json["issue_keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            cursor = response.json["next_cursor"]?.stringValue
            pages += 1
        } while cursor != nil && pages < 20
        #expect(seen == SeedData.allKeys)
        #expect(pages == 7)
    }

    @Test func lastFullPageHasNoNextCursor() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/keys?limit=20")
        #expect(response.json["issue_keys"]?.arrayValue?.count == 20)
        #expect(response.json["next_cursor"] == nil)
    }

    @Test(arguments: [
        ("source=bitbucket", "source"), ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"),
        ("cursor=%%%", "cursor"), ("cursor=bm9wZQ=", "cursor"), ("updated_since=2026-01-01", "updated_since"),
        ("updated_since=soon", "updated_since"), ("assignee=", "assignee"), ("assigne=jdoe", "assigne"),
        ("label=a%zz", "label"), ("status=Done&status=a%00b", "status"),
        ("cursor=AAAA", "cursor"),
    ])
    func invalidParameterIs400NamingIt(query: String, parameter: String) throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.get("/api/issues/keys?" + query)
        #expect(response.status == 400)
        #expect(response.errorParameter == parameter)
        #expect(response.json["error"]?["message"]?.stringValue?.contains(parameter) == true)
    }
}
