import Foundation
import Testing
@testable import WorkSupportCore

struct JiraQueryPlannerTests {
    let root = #"project in (IAIPORT, AIPRDV) AND type = "Product Version" AND labels = SE_product_family"#

    func planner(root: String? = nil, epicLinkField: String? = nil, maxLength: Int = 7000,
                 maxKeys: Int = 500) -> JiraQueryPlanner {
        JiraQueryPlanner(rootJQL: root ?? self.root, hierarchy: .default, epicLinkField: epicLinkField,
                         overlapMinutes: 10, maxQueryLength: maxLength, maxKeysPerQuery: maxKeys)
    }

    @Test func fullRunRootQueryOrdersByKey() {
        #expect(planner().rootQuery().jql == root + " ORDER BY key ASC")
    }

    @Test func withoutAnIssueLabelTheFirstLevelIsTheRootQueryAlone() {
        #expect(planner().firstLevelQueries() == [planner().rootQuery()])
    }

    @Test func issueLabelAddsOneQuotedLabelQueryWithTheRootsUpdatedClause() {
        let labelled = JiraQueryPlanner(rootJQL: root, issueLabel: #"team "a""#, hierarchy: .default, overlapMinutes: 10)
        #expect(labelled.firstLevelQueries().map(\.jql) == [root + " ORDER BY key ASC", #"labels = "team \"a\"" ORDER BY key ASC"#])
        let cursor = UpstreamTimestamp.parse("2026-11-20T10:15:30Z")!
        let incremental = labelled.firstLevelQueries(updatedSince: cursor, utcOffsetSeconds: 3600)
        #expect(incremental.map(\.condition) == [root + #" AND updated >= "2026-11-20 11:05""#,
                                                  #"labels = "team \"a\"" AND updated >= "2026-11-20 11:05""#])
        #expect(incremental.map(\.parentCount) == [1, 1])
    }

    @Test func rootOrderByIsReplacedButQuotedOrderByIsKept() {
        let jql = #"summary ~ "order by me" ORDER BY updated DESC, key"#
        #expect(planner(root: jql).rootQuery().jql == #"summary ~ "order by me" ORDER BY key ASC"#)
    }

    @Test func incrementalRootQuerySubtractsOverlapInTheUserZone() {
        let cursor = UpstreamTimestamp.parse("2026-11-20T10:15:30Z")!
        let query = planner().rootQuery(updatedSince: cursor, utcOffsetSeconds: 3600).jql
        #expect(query == root + #" AND updated >= "2026-11-20 11:05" ORDER BY key ASC"#)
    }

    @Test func incrementalConditionBindsToAWholeTopLevelOr() {
        let cursor = UpstreamTimestamp.parse("2026-11-20T00:05:00Z")!
        let query = planner(root: "project = A OR project = B").rootQuery(updatedSince: cursor).jql
        #expect(query == #"(project = A OR project = B) AND updated >= "2026-11-19 23:55" ORDER BY key ASC"#)
    }

    @Test func childTypesAreTheUnionAllowedUnderTheParentTypes() {
        #expect(planner().childTypeIDs(underParentTypes: [10004]) == [10000, 11140])
        #expect(planner().childTypeIDs(underParentTypes: [10000, 11140]) == [10101, 10104])
        #expect(planner().childTypeIDs(underParentTypes: [10101]) == [])
    }

    @Test func childrenOfManyParentsShareOneQuery() throws {
        let queries = try planner().childQueries(parentKeys: ["AIPRDV-1", "IAIPORT-22", "AIPRDV-1"],
                                                 childTypeIDs: [10000, 11140]).map(\.jql)
        #expect(queries == ["parent in (AIPRDV-1, IAIPORT-22) AND issuetype in (10000, 11140) ORDER BY key ASC"])
    }

    @Test func batchesStayUnderTheKeyLimit() throws {
        let keys = (1...1201).map { "AIPRDV-\($0)" }
        let queries = try planner().childQueries(parentKeys: keys, childTypeIDs: [10000]).map(\.jql)
        #expect(queries.count == 3)
        #expect(queries.map { $0.components(separatedBy: ", ").count } == [500, 500, 201])
        #expect(queries.allSatisfy { $0.utf8.count <= 7000 })
    }

    @Test func eachBatchKnowsItsParentCountAndItsConditionWithoutOrder() throws {
        let keys = (1...1201).map { "AIPRDV-\($0)" }
        let queries = try planner().childQueries(parentKeys: keys, childTypeIDs: [10000])
        #expect(queries.map(\.parentCount) == [500, 500, 201])
        #expect(queries[2].condition.hasSuffix("AIPRDV-1201) AND issuetype in (10000)"))
        #expect(planner().rootQuery().parentCount == 1)
        #expect(planner().rootQuery().condition == root)
    }

    @Test func batchesStayUnderTheLengthLimit() throws {
        let keys = (1000...1099).map { "LONGPROJECT-\($0)" }
        let queries = try planner(maxLength: 400).childQueries(parentKeys: keys, childTypeIDs: [10000]).map(\.jql)
        #expect(queries.count > 1)
        #expect(queries.allSatisfy { $0.utf8.count <= 400 })
        let planned = queries.flatMap { query in
            keys.filter { query.contains("\($0),") || query.contains("\($0))") }
        }
        #expect(planned == keys)
    }

    @Test func invalidKeyIsRefusedSoNothingCanInjectJQL() {
        #expect(throws: JQLPlanningError(code: .invalidIssueKey, value: "A-1) OR project = SECRET OR key in (B-2")) {
            try planner().childQueries(parentKeys: ["AIPRDV-1", "A-1) OR project = SECRET OR key in (B-2"],
                                       childTypeIDs: [10000])
        }
    }

    @Test func noKeysOrNoChildTypesMeansNoQuery() throws {
        #expect(try planner().childQueries(parentKeys: [], childTypeIDs: [10000]).isEmpty)
        #expect(try planner().childQueries(parentKeys: ["A-1"], childTypeIDs: []).isEmpty)
    }

    @Test func epicLinkCustomFieldBecomesCfReference() throws {
        let queries = try planner(epicLinkField: "customfield_10014").epicLinkQueries(epicKeys: ["AIPRDV-3"],
                                                                                      childTypeIDs: [10101]).map(\.jql)
        #expect(queries == ["cf[10014] in (AIPRDV-3) AND issuetype in (10101) ORDER BY key ASC"])
    }

    @Test func epicLinkFieldNameIsQuoted() throws {
        let queries = try planner(epicLinkField: "Epic Link").epicLinkQueries(epicKeys: ["AIPRDV-3"], childTypeIDs: [10101]).map(\.jql)
        #expect(queries == [#""Epic Link" in (AIPRDV-3) AND issuetype in (10101) ORDER BY key ASC"#])
    }

    @Test func noEpicLinkQueriesWithoutTheField() throws {
        #expect(try planner().epicLinkQueries(epicKeys: ["AIPRDV-3"], childTypeIDs: [10101]).isEmpty)
    }
}

@Suite struct JiraChildQueryAnyTypeTests {
    @Test func nilChildTypesAsksForChildrenOfAnyType() throws {
        let planner = JiraQueryPlanner(rootJQL: "project = A", hierarchy: .default)
        let queries = try planner.childQueries(parentKeys: ["A-2", "A-1"], childTypeIDs: nil).map(\.jql)
        #expect(queries == ["parent in (A-2, A-1) ORDER BY key ASC"])
    }
}
