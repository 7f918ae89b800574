import Testing
@testable import WorkSupportCore

/// `issue_type.<id>.*` keys: the configured hierarchy replaces the default one and is checked.
struct IssueTypeConfigTests {
    let database = "database.url=postgresql:///worksupport"

    @Test func noIssueTypeKeysGiveTheDefaultHierarchyWithDefaultOrigin() throws {
        let config = try ConfigFixtures.parse([database])
        #expect(config.issueTypes == IssueTypeHierarchy.default)
        let children = ConfigFixtures.setting("issue_type.10004.children", in: config)
        #expect(children == ConfigSetting(key: "issue_type.10004.children", value: "10000,11140", origin: .default))
    }

    @Test func customHierarchyReplacesTheDefault() throws {
        let config = try ConfigFixtures.parse([
            database,
            "issue_type.1.name=Epic",
            "issue_type.1.children = 2 , 3",
            "issue_type.2.name=Story",
            "issue_type.3.name=Bug",
        ])
        #expect(config.issueTypes.types == [IssueType(id: 1, name: "Epic", childIDs: [2, 3]),
                                            IssueType(id: 2, name: "Story"), IssueType(id: 3, name: "Bug")])
        #expect(config.issueTypes.rootTypes.map(\.name) == ["Epic"])
        #expect(config.issueTypes.type(id: 10004) == nil)
    }

    @Test func undefinedChildIsReportedAtTheChildrenLine() {
        let error = ConfigFixtures.firstError([
            database,
            "issue_type.10000.name=Feature",
            "issue_type.10000.children=10101,99999",
            "issue_type.10101.name=Story",
        ])
        #expect(error == "worksupport.properties:3: issue_type.10000.children: type 99999 is not defined")
    }

    @Test func cycleIsReportedAtTheChildrenLineOfItsFirstType() {
        let error = ConfigFixtures.firstError([
            database,
            "issue_type.10000.name=Feature",
            "issue_type.10000.children=10101",
            "issue_type.10101.name=Story",
            "issue_type.10101.children=10000",
        ])
        #expect(error == "worksupport.properties:3: issue type hierarchy has a cycle: 10000 -> 10101 -> 10000")
    }

    @Test func typeThatIsItsOwnChildIsACycle() {
        let error = ConfigFixtures.firstError([database, "issue_type.7.name=Loop", "issue_type.7.children=7"])
        #expect(error == "worksupport.properties:3: issue type hierarchy has a cycle: 7 -> 7")
    }

    @Test func typeWithoutNameIsRefused() {
        let error = ConfigFixtures.firstError([database, "issue_type.5.children=", "issue_type.6.name=Six"])
        #expect(error == "worksupport.properties:2: issue type 5 has no name (add issue_type.5.name)")
    }

    @Test func nonNumericChildIsRefused() {
        let error = ConfigFixtures.firstError([database, "issue_type.5.name=Five", "issue_type.5.children=6,Story"])
        #expect(error == "worksupport.properties:3: issue_type.5.children: expected comma-separated issue type ids, got '6,Story'")
    }

    @Test func nonNumericTypeIDIsRefused() {
        let error = ConfigFixtures.firstError([database, "issue_type.story.name=Story"])
        #expect(error == "worksupport.properties:2: issue_type.story.name: issue type id 'story' must be a decimal number without leading zeros")
    }

    @Test func typeIDWithLeadingZeroIsRefused() {
        let error = ConfigFixtures.firstError([database, "issue_type.010.name=Ten"])
        #expect(error == "worksupport.properties:2: issue_type.010.name: issue type id '010' must be a decimal number without leading zeros")
    }

    @Test func misspelledFieldSuggestsTheRightKey() {
        let error = ConfigFixtures.firstError([database, "issue_type.5.name=Five", "issue_type.5.chidren=6"])
        #expect(error == "worksupport.properties:3: unknown key 'issue_type.5.chidren' (did you mean 'issue_type.5.children'?)")
    }
}
