import Foundation
import JSON
import Testing
@testable import WorkSupportCore

struct JiraIssueNormalizerTests {
    typealias F = NormalizationFixtures
    let normalizer = JiraIssueNormalizer(hierarchy: .default, team: F.team,
                                         baseURL: "https://company.atlassian.net/", epicLinkField: nil)

    @Test func mapsEveryFieldOfASearchItem() throws {
        let item = F.jiraIssue()
        let record = try normalizer.normalize(item)
        #expect(record.issueKey == "AIPRDV-42")
        #expect(record.source == .jira)
        #expect(record.summary == "Harvest the release train")
        #expect(record.status == "In Progress")
        #expect(record.statusCategory == "indeterminate")
        #expect(record.issueTypeID == 10000)
        #expect(record.issueTypeName == "Feature")
        #expect(record.parentKey == "AIPRDV-7")
        #expect(record.epicKey == nil)
        #expect(record.linkedKey == nil)
        #expect(record.assignee == "557058:1b2c3d4e")
        #expect(record.assigneeMemberID == "jdoe")
        #expect(record.labels == ["work-support", "SE_product_family"])
        #expect(record.fixVersions == ["2026.4", "2026.5"])
        #expect(record.url == "https://company.atlassian.net/browse/AIPRDV-42")
        #expect(record.createdAt == F.date("2026-10-01T06:00:00Z"))
        #expect(record.updatedAt == F.date("2026-11-20T10:15:30.123Z"))
        #expect(record.resolvedAt == nil)
        #expect(record.raw == item)
    }

    /// Text columns read the stored form's escapes (docs/normalization.md) as U+FFFD; raw keeps them.
    @Test func storedNulAndSurrogateEscapesReadAsReplacementCharactersInTextColumns() throws {
        let item = F.jiraIssue(extraFields: [("summary", .string(#"before \u0000 after \ud83d"#)),
                                             ("labels", [.string(#"team\u0000"#), .string(#"C:\u005cu0000"#)])])
        let record = try normalizer.normalize(item)
        #expect(record.summary == "before \u{FFFD} after \u{FFFD}")
        #expect(record.labels == ["team\u{FFFD}", #"C:\u0000"#])
        #expect(record.raw["fields"]?["summary"] == .string(#"before \u0000 after \ud83d"#))
    }

    @Test func typeOutsideTheHierarchyBecomesMinusOneButKeepsItsName() throws {
        let item = F.jiraIssue(extraFields: [("issuetype", ["id": "10999", "name": "Bug"])])
        let record = try normalizer.normalize(item)
        #expect(record.issueTypeID == -1)
        #expect(record.issueTypeName == "Bug")
    }

    @Test func missingOptionalMembersAreNullOrEmpty() throws {
        let item: JSONValue = ["key": "AIPRDV-1", "fields": ["updated": "2026-11-20T10:15:30.000+0000"]]
        let record = try normalizer.normalize(item)
        #expect(record.summary == "")
        #expect(record.status == nil)
        #expect(record.issueTypeID == -1)
        #expect(record.parentKey == nil)
        #expect(record.assignee == nil)
        #expect(record.assigneeMemberID == nil)
        #expect(record.labels == [])
        #expect(record.fixVersions == [])
        #expect(record.createdAt == nil)
    }

    @Test func unassignedIssueHasNoAssigneeOrMember() throws {
        let record = try normalizer.normalize(F.jiraIssue(extraFields: [("assignee", .null)]))
        #expect(record.assignee == nil)
        #expect(record.assigneeMemberID == nil)
    }

    @Test func emailAccountMatchesAMemberIgnoringCase() throws {
        let record = try normalizer.normalize(F.jiraIssue(extraFields: [("assignee", ["accountId": "ann.smith@example.COM"])]))
        #expect(record.assigneeMemberID == "asmith")
    }

    @Test func accountIdMatchesExactlyOnly() throws {
        let record = try normalizer.normalize(F.jiraIssue(extraFields: [("assignee", ["accountId": "557058:1B2C3D4E"])]))
        #expect(record.assignee == "557058:1B2C3D4E")
        #expect(record.assigneeMemberID == nil)
    }

    @Test func epicLinkFieldFillsEpicKeyAndParentWhenThereIsNoParent() throws {
        let epicNormalizer = JiraIssueNormalizer(hierarchy: .default, team: F.team, baseURL: "https://j",
                                                 epicLinkField: "customfield_10014")
        let item = F.jiraIssue(extraFields: [("parent", .null), ("customfield_10014", "AIPRDV-3")])
        let record = try epicNormalizer.normalize(item)
        #expect(record.epicKey == "AIPRDV-3")
        #expect(record.parentKey == "AIPRDV-3")
    }

    @Test func parentWinsOverEpicLink() throws {
        let epicNormalizer = JiraIssueNormalizer(hierarchy: .default, team: F.team, baseURL: "https://j",
                                                 epicLinkField: "customfield_10014")
        let record = try epicNormalizer.normalize(F.jiraIssue(extraFields: [("customfield_10014", "AIPRDV-3")]))
        #expect(record.parentKey == "AIPRDV-7")
        #expect(record.epicKey == "AIPRDV-3")
    }

    @Test func epicLinkIsIgnoredWhenNotConfigured() throws {
        let record = try normalizer.normalize(F.jiraIssue(extraFields: [("parent", .null), ("customfield_10014", "AIPRDV-3")]))
        #expect(record.parentKey == nil)
        #expect(record.epicKey == nil)
    }

    @Test func resolutionDateIsParsed() throws {
        let record = try normalizer.normalize(F.jiraIssue(extraFields: [("resolutiondate", "2026-11-21T00:00:00.000+0000")]))
        #expect(record.resolvedAt == F.date("2026-11-21T00:00:00Z"))
    }

    @Test func missingKeyIsAnErrorWithoutItemKey() {
        let item: JSONValue = ["fields": ["updated": "2026-11-20T10:15:30.000+0000"]]
        #expect(throws: NormalizationError(code: .missingKey, source: .jira, itemKey: nil, field: "key")) {
            try normalizer.normalize(item)
        }
    }

    @Test func missingUpdatedIsAnErrorNamingTheItem() {
        let item: JSONValue = ["key": "AIPRDV-9", "fields": ["summary": "x"]]
        #expect(throws: NormalizationError(code: .missingUpdated, source: .jira, itemKey: "AIPRDV-9",
                                           field: "fields.updated")) {
            try normalizer.normalize(item)
        }
    }

    @Test func malformedUpdatedIsAnInvalidTimestamp() {
        #expect(throws: NormalizationError(code: .invalidTimestamp, source: .jira, itemKey: "AIPRDV-42",
                                           field: "fields.updated")) {
            try normalizer.normalize(F.jiraIssue(updated: "last tuesday"))
        }
    }

    @Test func nonObjectItemIsAnError() {
        #expect(throws: NormalizationError.self) { try normalizer.normalize(.array([])) }
    }
}
