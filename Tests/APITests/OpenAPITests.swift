import API
import JSON
import Testing

@Suite struct OpenAPITests {
    @Test func documentIsOpenAPI31ListingEveryRoute() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        #expect(document["openapi"] == "3.1.0")
        let paths = Set(document["paths"]?.objectValue?.keys ?? [])
        #expect(paths == ["/health", "/metrics", "/api/openapi.json", "/api/issues/keys", "/api/issues/hierarchy",
                          "/api/issues/{key}", "/api/harvest/reload", "/api/harvest/reload/{id}",
                          "/api/harvest/runs", "/api/harvest/runs/{id}", "/api/anomalies",
                          "/api/ingest/github", "/api/ingest/jira",
                          "/api/anomalies/summary", "/api/releases", "/api/releases/{name}"])
        #expect(document["paths"]?["/api/harvest/reload"]?["post"] != nil)
        #expect(document["components"]?["schemas"]?["Error"] != nil)
    }

    @Test func everyReferenceResolves() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if key == "$ref", let ref = member.stringValue { references.append(ref) } else { collect(member) }
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            let parts = reference.dropFirst(2).split(separator: "/").map(String.init)
            var node: JSONValue? = document
            for part in parts { node = node?[part] }
            #expect(node != nil, "\(reference)")
        }
    }

    @Test func everyQueryParameterAcceptedIsDocumented() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        func names(_ path: String, _ method: String) -> Set<String> {
            Set(document["paths"]?[path]?[method]?["parameters"]?.arrayValue?
                .filter { $0["in"] == "query" }.compactMap { $0["name"]?.stringValue } ?? [])
        }
        #expect(names("/api/issues/keys", "get") == Route.issueKeys.queryParameters)
        #expect(names("/api/issues/hierarchy", "get") == Route.issueHierarchy.queryParameters)
        #expect(names("/api/harvest/reload", "post") == Route.reloadCreate.queryParameters)
        #expect(names("/api/harvest/reload", "get") == Route.reloadList.queryParameters)
        #expect(names("/api/harvest/runs", "get") == Route.harvestRuns.queryParameters)
        #expect(names("/api/anomalies", "get") == Route.anomalies.queryParameters)
    }
}
