import Foundation
import JSON
import Testing
@testable import WorkSupportCore

struct JiraChangelogNormalizerTests {
    let normalizer = JiraChangelogNormalizer(categories: ["1": .new, "3": .indeterminate, "10002": .done])

    static func entry(id: JSONValue = "10234", created: JSONValue = "2026-11-20T10:15:30.123+0000",
                      items: [JSONValue]) -> JSONValue {
        ["id": id, "author": ["accountId": "557058:abc"], "created": created, "items": .array(items)]
    }

    @Test func statusAndAssigneeItemsBecomeRowsWithCategoriesAndOtherFieldsAreLeftOut() throws {
        let rows = try normalizer.records(issueKey: "WSA-7", entry: Self.entry(items: [
            ["field": "status", "fieldId": "status", "from": "3", "fromString": "In Progress", "to": "10002", "toString": "Done"],
            ["field": "assignee", "fieldId": "assignee", "from": nil, "fromString": nil, "to": "557058:x", "toString": "Ann"],
            ["field": "Key", "fromString": "WSX-1", "toString": "WSA-7"],
        ]))
        #expect(rows.map(\.field) == [.status, .assignee])
        #expect(rows[0].fromCategory == .indeterminate && rows[0].toCategory == .done)
        #expect(rows[0].changedAt == UpstreamTimestamp.parse("2026-11-20T10:15:30.123Z"))
        #expect(rows[0].historyOrder == 10234 && rows[0].author == "557058:abc")
        #expect(rows[1].toID == "557058:x" && rows[1].toValue == "Ann" && rows[1].toCategory == nil)
    }

    @Test func statusIdTheSiteDoesNotListIsCategoryUnknown() throws {
        let rows = try normalizer.records(issueKey: "WSA-7", entry: Self.entry(items: [
            ["field": "status", "fieldId": "status", "from": "1", "fromString": "To Do", "to": "10999", "toString": "Legacy QA"],
        ]))
        #expect(rows[0].toCategory == .unknown)
    }

    @Test func entryWithoutANumericIdOrTimeIsRefusedNamingTheIssue() {
        #expect(throws: ChangelogError(issueKey: "WSA-7", reason: "an entry's id is missing or not a number")) {
            try normalizer.records(issueKey: "WSA-7", entry: Self.entry(id: "abc", items: []))
        }
        #expect(throws: ChangelogError(issueKey: "WSA-7", reason: "entry 10234 has no valid 'created' time")) {
            try normalizer.records(issueKey: "WSA-7", entry: Self.entry(created: "yesterday", items: []))
        }
    }

    @Test func webhookTimestampOverridesTheEntryTime() throws {
        let at = Date(timeIntervalSince1970: 1_795_169_730)
        let entry: JSONValue = ["id": "5", "items": [["field": "status", "fieldId": "status", "from": "1", "to": "3"]]]
        #expect(try normalizer.records(issueKey: "WSA-1", entry: entry, created: at).first?.changedAt == at)
    }
}
