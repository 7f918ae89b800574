import JSON
import Testing

@Suite struct HierarchyRouteTests {
    static func keys(_ nodes: JSONValue?) -> [String] {
        nodes?.arrayValue?.compactMap { $0["issue_key"]?.stringValue } ?? []
    }

    static func node(_ key: String, in nodes: JSONValue?) -> JSONValue? {
        for node in nodes?.arrayValue ?? [] {
            if node["issue_key"]?.stringValue == key { return node }
            if let found = self.node(key, in: node["children"]) { return found }
        }
        return nil
    }

    @Test func defaultRootsAreProductVersionsWithNestedChildren() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/hierarchy")
        #expect(response.status == 200)
        let trees = response.json["hierarchy"]
        #expect(Self.keys(trees) == ["PV-1", "PV-2"])
        #expect(Self.keys(Self.node("PV-1", in: trees)?["children"]) == ["CA-1", "FEAT-1", "FEAT-2"])
        #expect(Self.keys(Self.node("FEAT-1", in: trees)?["children"]) == ["STORY-1", "STORY-2"])
        #expect(Self.keys(Self.node("STORY-1", in: trees)?["children"]) == ["acme/api#1"])
        // PV-1 subtree: 1 + 3 + 5 stories/tasks + 1 GitHub issue; PV-2 subtree: 1 + 1 + 1.
        #expect(response.json["total_count"] == 13)
        #expect(response.json["harvested_at"] == "2026-01-19T08:04:00Z")
    }

    @Test func nodesCarryTheDocumentedFields() throws {
        let fixture = try APIFixture()
        let feature = Self.node("FEAT-1", in: fixture.get("/api/issues/hierarchy").json["hierarchy"])
        #expect(feature?["summary"] == "Summary of FEAT-1")
        #expect(feature?["issue_type"] == "Feature")
        #expect(feature?["status"] == "In Progress")
        #expect(feature?["assignee"] == "acc-asmith")
        #expect(feature?["assignee_name"] == "Anna Smith")
    }

    @Test func maxDepthLimitsTheLevelsBelowTheRoots() throws {
        let fixture = try APIFixture()
        let one = fixture.get("/api/issues/hierarchy?max_depth=1").json
        #expect(one["total_count"] == 6)
        #expect(Self.node("FEAT-1", in: one["hierarchy"])?["children"] == [])
        let two = fixture.get("/api/issues/hierarchy?max_depth=2").json
        #expect(two["total_count"] == 12)
        #expect(Self.node("acme/api#1", in: two["hierarchy"]) == nil)
    }

    @Test func rootKeySelectsOneTreeWhateverItsType() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/hierarchy?root_key=FEAT-1").json
        #expect(Self.keys(response["hierarchy"]) == ["FEAT-1"])
        #expect(response["total_count"] == 4)
    }

    @Test func rootTypeByNameOrId() throws {
        let fixture = try APIFixture()
        let byName = fixture.get("/api/issues/hierarchy?root_type=Customer+Adoption&max_depth=1").json
        #expect(Self.keys(byName["hierarchy"]) == ["CA-1"])
        #expect(byName["total_count"] == 2)
        let byID = fixture.get("/api/issues/hierarchy?root_type=11140&max_depth=1").json
        #expect(byID == byName)
    }

    @Test func cyclesInTheDataDoNotLoop() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute("UPDATE issues SET parent_key = 'STORY-4' WHERE issue_key = 'CA-1'")
        let response = fixture.get("/api/issues/hierarchy?root_key=CA-1&max_depth=10")
        #expect(response.status == 200)
        #expect(response.json["total_count"] == 2)
    }

    /// A root that bad data also hangs under another root shows up in both places, each time
    /// with its whole subtree, and every list of siblings is in byte order of the keys.
    @Test func aRootUnderAnotherRootKeepsItsSubtreeInBothPlaces() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute("UPDATE issues SET parent_key = 'FEAT-1' WHERE issue_key = 'FEAT-2'")
        let response = fixture.get("/api/issues/hierarchy?root_type=Feature&max_depth=3").json
        let trees = response["hierarchy"]
        #expect(Self.keys(trees) == ["FEAT-1", "FEAT-2", "FEAT-3"])
        let nested = Self.node("FEAT-1", in: trees)?["children"]
        #expect(Self.keys(nested) == ["FEAT-2", "STORY-1", "STORY-2"])
        let underFeature1 = nested?.arrayValue?.first { $0["issue_key"] == "FEAT-2" }
        let asRoot = trees?.arrayValue?.first { $0["issue_key"] == "FEAT-2" }
        #expect(Self.keys(underFeature1?["children"]) == ["STORY-3", "TASK-1"])
        #expect(underFeature1?["children"] == asRoot?["children"])
        // FEAT-1: itself, FEAT-2 + its 2, STORY-1 + acme/api#1, STORY-2; FEAT-2 again: 3; FEAT-3: 2.
        #expect(response["total_count"] == 12)
    }

    @Test(arguments: ["max_depth=0", "max_depth=11", "max_depth=deep", "root_type=", "depth=2"])
    func invalidParametersAre400(query: String) throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.get("/api/issues/hierarchy?" + query)
        #expect(response.status == 400)
        #expect(response.errorParameter == String(query.split(separator: "=")[0]))
    }
}
