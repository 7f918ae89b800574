import Foundation
import Testing
@testable import Simulator

@Suite struct JQLEvaluatorTests {
    static let day = SimTime.msPerDay
    static let now = SimTime.ms(year: 2026, month: 11, day: 20, hour: 12)
    let issues = [
        SimFixture.issue("WSA-1", type: "10004", labels: ["SE_product_family"], fixVersions: ["2026.3"],
                         created: now - 10 * day, updated: now - 3 * SimTime.msPerHour),
        SimFixture.issue("WSA-2", status: "Done", parent: "WSA-1", assignee: "acc-1", labels: ["x"],
                         created: now - 9 * day, updated: now - 5 * day, resolved: now - 5 * day),
        SimFixture.issue("WSB-10", type: "10104", status: "In Progress", parent: "WSA-1",
                         created: now - 8 * day, updated: now - 1 * SimTime.msPerHour),
    ]

    func keys(_ jql: String, zone: String = "UTC") throws -> [String] {
        let context = JQLContext(now: Self.now, timeZone: TimeZone(identifier: zone)!, currentAccountID: "acc-1",
                                 issueTypes: DatasetGenerator.issueTypes, statuses: DatasetGenerator.statuses,
                                 projectKeys: ["WSA", "WSB", "WSX"])
        let predicate = try JQLEvaluator.predicate(try JQLParser.parse(jql).condition, context: context)
        return issues.filter(predicate).map(\.key)
    }

    @Test func issuetypeMatchesNameOrID() throws {
        #expect(try keys("issuetype = \"Product Version\"") == ["WSA-1"])
        #expect(try keys("type in (10104)") == ["WSB-10"])
    }

    @Test func notEqualsNeverMatchesEmptyField() throws {
        #expect(try keys("labels != x") == ["WSA-1"])
    }

    @Test func isEmptyMatchesMissingValues() throws {
        #expect(try keys("parent is EMPTY") == ["WSA-1"])
        #expect(try keys("assignee is not empty") == ["WSA-2"])
    }

    @Test func parentInListMatchesChildren() throws {
        #expect(try keys("parent in (WSA-1, WSA-99) AND status != Done") == ["WSB-10"])
    }

    @Test func notNegatesAGroup() throws {
        #expect(try keys("NOT (project = WSB OR key = WSA-2)") == ["WSA-1"])
    }

    @Test func relativeDatesCountFromNow() throws {
        #expect(try keys("updated >= -2h") == ["WSB-10"])
        #expect(try keys("updated > -4d") == ["WSA-1", "WSB-10"])
    }

    @Test func absoluteDatesAreReadInTheUserTimeZone() throws {
        // WSB-10 was updated at 11:00 UTC = 12:00 in Berlin (UTC+1 in November).
        #expect(try keys("updated >= \"2026-11-20 11:30\"", zone: "UTC") == [])
        #expect(try keys("updated >= \"2026-11-20 11:30\"", zone: "Europe/Berlin") == ["WSB-10"])
    }

    @Test func dateOnlyMeansMidnight() throws {
        #expect(try keys("created < \"2026/11/12\"") == ["WSA-1", "WSA-2"])
    }

    @Test func keyRangeStaysInItsProject() throws {
        #expect(try keys("key > WSA-1") == ["WSA-2"])
    }

    @Test func currentUserIsTheCaller() throws {
        #expect(try keys("assignee = currentUser()") == ["WSA-2"])
    }

    @Test func unknownIssueTypeValueIsRefused() {
        #expect(throws: JQLError("The value 'Epic' does not exist for the field 'issuetype'.")) { try keys("type = Epic") }
    }

    @Test func orderingPutsEmptyDatesLastAndBreaksTiesByKey() {
        let ordering = JQLOrdering([JQLOrder(field: .resolved, descending: false)])
        let sorted = issues.sorted { ordering.precedes(ordering.position(of: $0), ordering.position(of: $1)) }.map(\.key)
        #expect(sorted == ["WSA-2", "WSA-1", "WSB-10"])
    }

    @Test func pageTokenRoundTripsAndIsBoundToTheQuery() {
        let ordering = JQLOrdering([JQLOrder(field: .updated, descending: true)])
        let position = ordering.position(of: issues[0])
        let token = ordering.token(after: position, query: "project = WSA")
        #expect(ordering.position(fromToken: token, query: "project = WSA") == position)
        #expect(ordering.position(fromToken: token, query: "project = WSB") == nil)
    }
}
