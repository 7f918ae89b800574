import HTTPClient
import JSON
import Testing
@testable import Simulator

@Suite struct ChangelogAPITests {
    static var dataset: SimDataset { SimFixture.dataset }

    static func planted(_ plant: SimFlowPlant) -> SimJiraIssue? {
        dataset.jiraIssues.first { $0.flowPlant == plant }
    }

    static func movedIssue() -> SimJiraIssue? {
        dataset.jiraIssues.first { if case .moved? = $0.flowPlant { true } else { false } }
    }

    @Test func everyHistoryStartsInToDoEndsInTheIssuesStatusAndEntersDoneAtResolved() {
        for issue in Self.dataset.jiraIssues {
            let steps = SimHistory.entries(for: issue, dataset: Self.dataset).flatMap { $0.items.filter { $0.field == "status" } }
            guard let last = steps.last else {
                #expect(issue.status == "To Do", "\(issue.key) has no status change but is \(issue.status)")
                continue
            }
            #expect(steps.first?.fromString == "To Do")
            #expect(last.toString == issue.status, "\(issue.key)")
        }
        let done = Self.dataset.jiraIssues.filter { $0.status == "Done" && $0.flowPlant == nil }
        #expect(!done.isEmpty)
        for issue in done {
            let entries = SimHistory.entries(for: issue, dataset: Self.dataset)
            let last = entries.last { $0.items.contains { $0.field == "status" } }
            #expect(last?.created == issue.resolved, "\(issue.key)")
        }
    }

    /// `generate --review-loops N`: every started history (not back in To Do) gains N In Review →
    /// In Progress loops (2N status entries), still ends in the issue's status, and the setting
    /// survives the dataset file.
    @Test func reviewLoopsLengthenEveryStartedHistoryAndAreKeptInTheDatasetFile() throws {
        var longer = Self.dataset
        longer.reviewLoops = 3
        var lengthened = 0
        for issue in Self.dataset.jiraIssues {
            let before = SimHistory.entries(for: issue, dataset: Self.dataset).flatMap { $0.items.filter { $0.field == "status" } }
            let after = SimHistory.entries(for: issue, dataset: longer).flatMap { $0.items.filter { $0.field == "status" } }
            #expect(after.last?.toString == before.last?.toString, "\(issue.key)")
            guard issue.flowPlant == nil, issue.status != "To Do" else { continue }
            if before.contains(where: { $0.toString == "In Progress" }) {
                #expect(after.count == before.count + 6, "\(issue.key)")
                lengthened += 1
            } else {
                #expect(after.count == before.count, "\(issue.key)")
            }
        }
        #expect(lengthened > 0)
        #expect(try SimDataset(json: longer.jsonValue).reviewLoops == 3)
        #expect(Self.dataset.jsonValue["review_loops"] == nil, "a default dataset's file is unchanged")
    }

    @Test func plantedHistoriesAreThere() throws {
        let long = try #require(Self.planted(.long))
        #expect(SimHistory.entries(for: long, dataset: Self.dataset).count > 100)
        #expect(Self.movedIssue() != nil)
        #expect(Self.planted(.doneBeforeStarted) != nil)
        #expect(Self.planted(.unknownFromStatus) != nil)
        #expect(Self.planted(.unknownStatus) != nil)
    }

    @Test func bulkfetchPagesThroughEveryStatusAndAssigneeEntryOnce() throws {
        try SimFixture.withSimulator { _, client throws in
            let issues = Array(Self.dataset.jiraIssues.prefix(200))
            var seen: [String: [String]] = [:]
            var token: String?
            var pages = 0
            repeat {
                var body: JSONObject = ["issueIdsOrKeys": .array(issues.map { .string(String($0.id)) }),
                                        "fieldIds": ["status", "assignee"], "maxResults": 50]
                if let token { body["nextPageToken"] = .string(token) }
                let response = try client.jira("POST", "/rest/api/3/changelog/bulkfetch", json: .object(body))
                #expect(response.status == 200)
                for log in response.json["issueChangeLogs"]?.arrayValue ?? [] {
                    let id = log["issueId"]?.stringValue ?? ""
                    for history in log["changeHistories"]?.arrayValue ?? [] {
                        seen[id, default: []].append(history["id"]?.stringValue ?? "")
                        #expect(history["items"]?.arrayValue?.allSatisfy {
                            ["status", "assignee"].contains($0["fieldId"]?.stringValue ?? "")
                        } == true)
                    }
                }
                token = response.json["nextPageToken"]?.stringValue
                pages += 1
            } while token != nil
            var expected: [String: [String]] = [:]
            for issue in issues {
                let ids = SimHistory.entries(for: issue, dataset: Self.dataset)
                    .filter { $0.items.contains { $0.fieldID == "status" || $0.fieldID == "assignee" } }.map { String($0.id) }
                if !ids.isEmpty { expected[String(issue.id)] = ids }
            }
            #expect(seen.mapValues { $0.sorted() } == expected.mapValues { $0.sorted() })
            let total = expected.values.map(\.count).reduce(0, +)
            #expect(pages == (total + 49) / 50)
        }
    }

    @Test func bulkfetchRefusesATokenOfAnotherRequestAndMoreThan1000Issues() throws {
        try SimFixture.withSimulator { _, client throws in
            let wrong = try client.jira("POST", "/rest/api/3/changelog/bulkfetch",
                                        json: ["issueIdsOrKeys": ["WSA-1"], "nextPageToken": "5.abc"])
            #expect(wrong.status == 400)
            let many = try client.jira("POST", "/rest/api/3/changelog/bulkfetch",
                                       json: ["issueIdsOrKeys": .array((1...1001).map { .string("WSA-\($0)") })])
            #expect(many.status == 400)
            #expect(many.json["errorMessages"]?[0]?.stringValue?.contains("1000") == true)
        }
    }

    @Test func perIssueChangelogPagesAHistoryLongerThan100() throws {
        let long = try #require(Self.planted(.long))
        try SimFixture.withSimulator { _, client throws in
            let first = try client.jira("GET", "/rest/api/3/issue/\(long.key)/changelog?startAt=0&maxResults=500")
            #expect(first.status == 200)
            #expect(first.json["maxResults"]?.intValue == 100)
            #expect(first.json["isLast"] == false)
            #expect(first.json["values"]?.arrayValue?.count == 100)
            let total = try #require(first.json["total"]?.intValue)
            #expect(total > 100)
            let second = try client.jira("GET", "/rest/api/3/issue/\(long.key)/changelog?startAt=100&maxResults=100")
            #expect(second.json["isLast"] == true)
            #expect(second.json["values"]?.arrayValue?.count == total - 100)
        }
    }

    @Test func movedIssueHistoryNamesItsOldKey() throws {
        let moved = try #require(Self.movedIssue())
        guard case .moved(let oldKey)? = moved.flowPlant else { return }
        try SimFixture.withSimulator { _, client throws in
            let response = try client.jira("GET", "/rest/api/3/issue/\(moved.key)/changelog")
            let items = response.json["values"]?.arrayValue?.flatMap { $0["items"]?.arrayValue ?? [] } ?? []
            #expect(items.contains { $0["field"] == "Key" && $0["fromString"]?.stringValue == oldKey
                                     && $0["toString"]?.stringValue == moved.key })
        }
    }

    @Test func faultPlanTakesBulkfetchAwayAndFailsChosenChangelogs() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.control("POST", "/faults", text: "bulk-changelog=off,changelog-fail=WSA-3").status == 200)
            let bulk = try client.jira("POST", "/rest/api/3/changelog/bulkfetch", json: ["issueIdsOrKeys": ["WSA-1"]])
            #expect(bulk.status == 404)
            #expect(try client.jira("GET", "/rest/api/3/issue/WSA-3/changelog").status == 500)
            #expect(try client.jira("GET", "/rest/api/3/issue/WSA-1/changelog").status == 200)
            #expect(try client.control("GET", "/faults").json["spec"] == "bulk-changelog=off,changelog-fail=WSA-3")
        }
    }

    @Test func statusListHasCategoriesAndLeavesOutTheLegacyStatus() throws {
        try SimFixture.withSimulator { _, client throws in
            let statuses = try client.jira("GET", "/rest/api/3/status").json.arrayValue ?? []
            #expect(statuses.count == Self.dataset.statuses.count)
            #expect(statuses.first { $0["name"] == "In Review" }?["statusCategory"]?["key"] == "indeterminate")
            #expect(!statuses.contains { $0["id"]?.stringValue == SimHistory.legacyStatus.id })
        }
    }

    @Test func manifestListsThePlantedContradictionsAndTheLongHistory() throws {
        let manifest = try AnswerManifest(dataset: Self.dataset, baseURL: "http://127.0.0.1:1").json
        let untrusted = manifest["flow"]?["summary"]?["untrusted"]?.arrayValue ?? []
        var codes: [String: [String]] = [:]
        for entry in untrusted {
            codes[entry["issue_key"]?.stringValue ?? ""] = entry["problems"]?.arrayValue?.compactMap(\.stringValue)
        }
        #expect(codes[Self.planted(.doneBeforeStarted)?.key ?? ""] == ["done_before_started"])
        #expect(codes[Self.planted(.unknownFromStatus)?.key ?? ""] == ["unknown_from_status"])
        #expect(codes[Self.planted(.unknownStatus)?.key ?? ""] == ["unknown_status"])
        #expect(codes.count == 3)
        let issues = manifest["flow"]?["issues"]?.arrayValue ?? []
        let long = issues.first { $0["issue_key"]?.stringValue == Self.planted(.long)?.key }
        #expect((long?["transitions"]?.intValue ?? 0) > 100)
        #expect((long?["reopen_count"]?.intValue ?? 0) >= SimHistory.longReopenLoops)
        let cycle = manifest["flow"]?["summary"]?["cycle"]
        #expect((cycle?["count"]?.intValue ?? 0) > 10)
        #expect(cycle?["p50"]?.doubleValue ?? 0 <= cycle?["p85"]?.doubleValue ?? 0)
    }
}
