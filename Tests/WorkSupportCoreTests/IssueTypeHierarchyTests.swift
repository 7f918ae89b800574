import Testing
@testable import WorkSupportCore

/// The default hierarchy of DESIGN.md and the queries the harvester and anomaly rules use.
struct IssueTypeHierarchyTests {
    let hierarchy = IssueTypeHierarchy.default

    @Test func defaultHierarchyHasProductVersionAsOnlyRoot() {
        #expect(hierarchy.rootTypes.map(\.id) == [10004])
    }

    @Test func defaultHierarchyAllowsDesignParentChildPairs() {
        #expect(hierarchy.allowedChildren(of: 10004).map(\.name) == ["Feature", "Customer Adoption"])
        #expect(hierarchy.allowedChildren(of: 10000).map(\.name) == ["Story", "Task"])
        #expect(hierarchy.allowedChildren(of: 11140).map(\.name) == ["Story"])
        #expect(hierarchy.allowedChildren(of: 10101).isEmpty)
    }

    @Test func allowsOnlyListedChildren() {
        #expect(hierarchy.allows(child: 10101, under: 11140))
        #expect(!hierarchy.allows(child: 10104, under: 11140))
        #expect(!hierarchy.allows(child: 10000, under: 10101))
        #expect(!hierarchy.allows(child: 10101, under: 99999))
    }

    @Test func levelsGoFromRootDownwards() {
        #expect(hierarchy.levels.map { $0.map(\.id) } == [[10004], [10000, 11140], [10101, 10104]])
        #expect(hierarchy.depth == 3)
        #expect(hierarchy.depth(of: 10101) == 2)
        #expect(hierarchy.depth(of: 42) == nil)
    }

    @Test func typeAppearsAtEveryLevelItCanBeReachedAt() throws {
        let shortcut = try IssueTypeHierarchy(types: [
            IssueType(id: 1, name: "Epic", childIDs: [2, 3]),
            IssueType(id: 2, name: "Story", childIDs: [3]),
            IssueType(id: 3, name: "Sub-task"),
        ])
        #expect(shortcut.levels.map { $0.map(\.id) } == [[1], [2, 3], [3]])
        #expect(shortcut.depth(of: 3) == 1)
    }

    @Test func typeNamedIgnoresCase() {
        #expect(hierarchy.type(named: "product version")?.id == 10004)
        #expect(hierarchy.type(named: "Epic") == nil)
    }

    @Test func resolveMapsUnknownIDsToTheErrorType() {
        #expect(hierarchy.resolve(id: 10000).name == "Feature")
        #expect(hierarchy.resolve(id: 123) == IssueType(id: -1, name: "Error-Type Not Known"))
        #expect(hierarchy.resolve(id: 123).isUnknown)
    }

    @Test func initRefusesACycle() {
        #expect(throws: IssueTypeHierarchyError(code: .cycle, typeID: 1, cycle: [1, 2, 1])) {
            try IssueTypeHierarchy(types: [IssueType(id: 1, name: "A", childIDs: [2]),
                                           IssueType(id: 2, name: "B", childIDs: [1])])
        }
    }

    @Test func initRefusesAnUndefinedChild() {
        #expect(throws: IssueTypeHierarchyError(code: .undefinedChild, typeID: 1, childID: 9)) {
            try IssueTypeHierarchy(types: [IssueType(id: 1, name: "A", childIDs: [9])])
        }
    }

    @Test func initRefusesDuplicateAndReservedIDs() {
        let defects = IssueTypeHierarchy.defects(in: [IssueType(id: 1, name: "A"), IssueType(id: 1, name: "B"),
                                                      IssueType.unknown])
        #expect(defects.map(\.code) == [.duplicateTypeID, .reservedTypeID])
    }
}
