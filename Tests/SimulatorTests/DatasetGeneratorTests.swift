import JSON
import Testing
@testable import Simulator

@Suite struct DatasetGeneratorTests {
    static let options = DatasetGenerator.Options(issues: 300, members: 5, seed: 11)

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let first = DatasetGenerator.generate(Self.options), second = DatasetGenerator.generate(Self.options)
        #expect(first.jsonValue.serialized(sortedKeys: true) == second.jsonValue.serialized(sortedKeys: true))
        #expect(try AnswerManifest(dataset: first, baseURL: "http://sim").bytes
                == AnswerManifest(dataset: second, baseURL: "http://sim").bytes)
    }

    @Test func otherSeedGivesOtherData() {
        var other = Self.options
        other.seed = 12
        #expect(DatasetGenerator.generate(other).jiraIssues != SimFixture.dataset.jiraIssues)
    }

    @Test func generatesExactlyTheRequestedJiraIssues() {
        #expect(SimFixture.dataset.jiraIssues.count == 300)
    }

    @Test func jiraKeysAreUnique() {
        let keys = SimFixture.dataset.jiraIssues.map(\.key)
        #expect(Set(keys).count == keys.count)
    }

    @Test func plantsEveryAnomalyKind() {
        let kinds = Set(SimFixture.dataset.plantedAnomalies.map(\.kind))
        #expect(kinds == ["unknown_issue_type", "orphan_parent", "type_hierarchy_violation", "missing_release",
                          "unassigned_member", "duplicate_github_link", "story_without_epic"])
    }

    @Test func oneMemberPassesTheGitHubSearchCap() throws {
        let heavy = try #require(SimFixture.dataset.members.first?.githubLogin)
        let labelled = SimFixture.dataset.githubItems.filter { $0.assignee == heavy && $0.labels.contains("work-support") }
        #expect(labelled.count > 1000)
    }

    @Test func orphanParentsAreNotInTheHarvestScope() throws {
        let scope = try HarvestScope(dataset: SimFixture.dataset)
        let harvested = Set(scope.jiraIndices.map { SimFixture.dataset.jiraIssues[$0].key })
        let orphans = SimFixture.dataset.plantedAnomalies.filter { $0.kind == "orphan_parent" }
        #expect(!orphans.isEmpty)
        for orphan in orphans {
            let issue = try #require(SimFixture.dataset.jiraIssues.first { $0.key == orphan.issueKey })
            #expect(harvested.contains(orphan.issueKey))
            #expect(!harvested.contains(try #require(issue.parentKey)))
        }
    }

    @Test func everyPlantedAnomalyIsOnAHarvestedIssue() throws {
        let manifest = try AnswerManifest(dataset: SimFixture.dataset, baseURL: "http://sim")
        let keys = Set(manifest.json["issues"]?.arrayValue?.compactMap { $0["issue_key"]?.stringValue } ?? [])
        for plant in SimFixture.dataset.plantedAnomalies {
            #expect(keys.contains(plant.issueKey), "\(plant.kind) \(plant.issueKey)")
        }
    }

    @Test func missingReleasePlantsHaveNoReleaseAndOthersDo() throws {
        let manifest = try AnswerManifest(dataset: SimFixture.dataset, baseURL: "http://sim")
        let planted = Set(SimFixture.dataset.plantedAnomalies.filter { $0.kind == "missing_release" }.map(\.issueKey))
        for record in manifest.json["issues"]?.arrayValue ?? [] {
            let key = record["issue_key"]?.stringValue ?? ""
            let hasRelease = !(record["fix_versions"]?.arrayValue ?? []).isEmpty
                || (record["labels"]?.arrayValue ?? []).contains { $0.stringValue?.hasPrefix("release-") == true }
            #expect(hasRelease != planted.contains(key), "\(key)")
        }
    }

    @Test func datasetSurvivesAStorageRoundTrip() throws {
        let value = SimFixture.dataset.jsonValue
        let reread = try SimDataset(json: try JSONValue.parse(value.serialized(sortedKeys: true)))
        #expect(reread == SimFixture.dataset)
    }

    @Test func propertiesNameTheSimulatorAndTheHierarchy() {
        let text = PropertiesWriter.properties(for: SimFixture.dataset, baseURL: "http://127.0.0.1:9")
        #expect(text.contains("jira.base_url=http://127.0.0.1:9\n"))
        #expect(text.contains("github.api_url=http://127.0.0.1:9\n"))
        #expect(text.contains("jira.root_jql=project in (WSA, WSB) AND type = \"Product Version\" AND labels = SE_product_family\n"))
        #expect(text.contains("issue_type.10004.children=10000,11140\n"))
        #expect(!text.contains("10300"))
    }

    @Test func propertiesNameTheSlackWorkspaceAndEachMembersSlackUser() throws {
        let text = PropertiesWriter.properties(for: SimFixture.dataset, baseURL: "http://127.0.0.1:9")
        #expect(text.contains("slack.api_url=http://127.0.0.1:9/api\n"))
        let workspace = SimSlackWorkspace(.init(members: SimFixture.dataset.members.count))
        let users = Set(workspace.userObjects().compactMap { $0["id"]?.stringValue })
        for (index, member) in SimFixture.dataset.members.enumerated() {
            let id = SimSlackWorkspace.userID(member: index)
            #expect(text.contains("team.member.\(member.id).slack_id=\(id)\n"))
            #expect(users.contains(id), "\(id)")
        }
        // The token stays out of the file, as the other secrets do.
        #expect(!text.contains("slack.token"))
    }
}
