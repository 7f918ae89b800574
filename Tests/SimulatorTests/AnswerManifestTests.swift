import JSON
import Testing
@testable import Simulator

@Suite struct AnswerManifestTests {
    let dataset = SimFixture.dataset

    func record(_ key: String) throws -> JSONValue {
        let manifest = try AnswerManifest(dataset: dataset, baseURL: "http://sim")
        return try #require(manifest.json["issues"]?.arrayValue?.first { $0["issue_key"]?.stringValue == key })
    }

    @Test func unknownTypeMapsToMinusOneKeepingTheName() throws {
        let plant = try #require(dataset.plantedAnomalies.first { $0.kind == "unknown_issue_type" })
        let record = try record(plant.issueKey)
        #expect(record["issue_type_id"] == -1)
        #expect(["Bug", "Spike"].contains(record["issue_type_name"]?.stringValue ?? ""))
    }

    @Test func jiraRecordFollowsTheMapping() throws {
        let scope = try HarvestScope(dataset: dataset)
        let issue = try #require(scope.jiraIndices.map { dataset.jiraIssues[$0] }.first { $0.issueTypeID == "10000" && $0.resolved != nil })
        let record = try record(issue.key)
        #expect(record["source"] == "jira")
        #expect(record["url"]?.stringValue == "http://sim/browse/\(issue.key)")
        #expect(record["issue_type_id"] == 10000)
        #expect(record["status_category"] == "done")
        #expect(record["updated_at"]?.stringValue == SimTime.rfc3339(issue.updated))
        #expect(record["resolved_at"]?.stringValue == SimTime.rfc3339(issue.resolved!))
        #expect(record["linked_key"] == .null && record["epic_key"] == .null)
    }

    @Test func mergedPullRequestIsDone() throws {
        let scope = try HarvestScope(dataset: dataset)
        let item = try #require(scope.githubIndices.map { dataset.githubItems[$0] }.first { $0.merged != nil })
        let record = try record(item.key)
        #expect(record["status"] == "merged" && record["status_category"] == "done" && record["issue_type_id"] == -3)
    }

    @Test func githubMemberIsMatchedCaseInsensitively() throws {
        let scope = try HarvestScope(dataset: dataset)
        let item = dataset.githubItems[try #require(scope.githubIndices.first)]
        let record = try record(item.key)
        #expect(record["assignee"]?.stringValue == item.assignee)
        #expect(record["assignee_member_id"]?.stringValue == dataset.members.first { $0.githubLogin == item.assignee }?.id)
    }

    @Test func firstJiraKeyPrefersTheLeftmostMatch() {
        #expect(ManifestRecord.firstJiraKey(in: "Fix (WSA-12) and WSB-3") == "WSA-12")
        #expect(ManifestRecord.firstJiraKey(in: "no key here, A-1 is too short") == nil)
        #expect(ManifestRecord.firstJiraKey(in: "xAB_9-77y") == "AB_9-77")
    }

    @Test func typeFilteredHarvestMissesUnknownTypesAndViolations() throws {
        let scope = try HarvestScope(dataset: dataset)
        let filtered = Set(scope.jiraKeysWithTypeFilter)
        for plant in dataset.plantedAnomalies where plant.kind == "unknown_issue_type" || plant.kind == "type_hierarchy_violation" {
            #expect(!filtered.contains(plant.issueKey))
        }
        #expect(filtered.count < scope.jiraIndices.count)
    }

    @Test func staleInProgressIsDerivedAtTheManifestNow() throws {
        let manifest = try AnswerManifest(dataset: dataset, baseURL: "http://sim")
        let stale = manifest.json["anomalies"]?.arrayValue?.filter { $0["kind"] == "stale_in_progress" } ?? []
        #expect(!stale.isEmpty)
        #expect(stale.allSatisfy { $0["planted"] == false })
    }
}
