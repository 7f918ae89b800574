import API
import Foundation
import JSON
import Testing

@Suite struct OpenAPITests {
    /// The contract in review: `docs/openapi.json` is exactly what the server serves.
    @Test func servedDocumentIsTheCheckedInOne() throws {
        let checkedIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/openapi.json").standardized
        let fixture = try APIFixture(seed: false)
        let served = fixture.get("/api/openapi.json", key: .some(nil))
        #expect(served.status == 200)
        #expect(served.body == Array(try Data(contentsOf: checkedIn)),
                "docs/openapi.json differs from the served document: run `make openapi` and review the diff")
    }

    @Test func documentIsOpenAPI31ListingEveryRoute() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        #expect(document["openapi"] == "3.1.0")
        let paths = Set(document["paths"]?.objectValue?.keys ?? [])
        #expect(paths == ["/health", "/metrics", "/api/openapi.json", "/api/issues/keys", "/api/issues/hierarchy",
                          "/api/issues/{key}", "/api/harvest/reload", "/api/harvest/reload/{id}",
                          "/api/harvest/runs", "/api/harvest/runs/{id}", "/api/anomalies",
                          "/api/ingest/github", "/api/ingest/jira", "/api/ingest/{source}",
                          "/api/metrics/dora", "/api/deployments", "/api/incidents", "/api/changes",
                          "/api/anomalies/summary", "/api/releases", "/api/releases/{name}",
                          "/api/issues/{key}/transitions", "/api/flow", "/api/ingest/slack",
                          "/api/team/reviews", "/api/team/quiet", "/api/team/owners", "/api/team/graph"])
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

    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Found by `make fuzz`: the API refuses `?label=` and `?label=a%00b` with 400, so the document
    /// must not call such values valid (schemathesis: "schema-valid request rejected").
    @Test func everyStringParameterTheAPIRefusesEmptyDeclaresMinLength() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        var checked = 0
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] {
                for parameter in operation["parameters"]?.arrayValue ?? [] where parameter["in"] == "query" {
                    var schema = parameter["schema"]
                    if schema?["type"] == "array" { schema = schema?["items"] }
                    guard schema?["type"] == "string", schema?["enum"] == nil, schema?["format"] == nil,
                          let name = parameter["name"]?.stringValue else { continue }
                    let empty = fixture.request(method.uppercased(), "\(path)?\(name)=")
                    #expect(empty.status == 400, "\(method) \(path) \(name)")
                    #expect(schema?["minLength"] == 1, "\(method) \(path) \(name) is refused when empty")
                    let nul = fixture.request(method.uppercased(), "\(path)?\(name)=a%00b")
                    #expect(nul.status == 400, "\(method) \(path) \(name)")
                    #expect(!Self.matches(schema?["pattern"]?.stringValue ?? "", "a\u{0}b"),
                            "\(method) \(path) \(name) is refused with a NUL")
                    checked += 1
                }
            }
        }
        #expect(checked == 36)
    }

    /// Found by `make fuzz`: unknown members of the reload body are refused, so its schemas are
    /// closed (`additionalProperties: false`).
    @Test func reloadBodySchemasAreClosedAsTheHandlerIs() throws {
        let fixture = try APIFixture()
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        let content = document["paths"]?["/api/harvest/reload"]?["post"]?["requestBody"]?["content"]
        for (type, body) in [("application/json", #"{"full": true}"#), ("application/x-www-form-urlencoded", "full=1")] {
            #expect(content?[type]?["schema"]?["additionalProperties"] == false, "\(type)")
            let response = fixture.request("POST", "/api/harvest/reload", headers: ["content-type": type], body: body)
            #expect(response.status == 400, "\(type)")
            #expect(response.errorParameter == "full", "\(type)")
        }
    }

    /// Every route refuses an unknown query parameter with 400, so every operation documents it
    /// (the summary and the release list did not).
    @Test func everyOperationDocuments400ForUnknownParameters() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] {
                #expect(operation["responses"]?["400"] != nil, "\(method) \(path)")
            }
        }
        #expect(fixture.get("/api/anomalies/summary?kind=x").status == 400)
        #expect(fixture.get("/api/releases?name=x").status == 400)
    }

    /// Links let schemathesis's stateful phase (and clients) follow a list to its items.
    @Test func listResponsesLinkToTheirItems() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        let operationIDs = Set((document["paths"]?.objectValue ?? [:]).values.flatMap { item in
            (item.objectValue ?? [:]).values.compactMap { $0["operationId"]?.stringValue }
        })
        var links = 0
        for (_, item) in document["paths"]?.objectValue ?? [:] {
            for (_, operation) in item.objectValue ?? [:] {
                for (_, response) in operation["responses"]?.objectValue ?? [:] {
                    for (name, link) in response["links"]?.objectValue ?? [:] {
                        #expect(operationIDs.contains(link["operationId"]?.stringValue ?? ""), "\(name)")
                        links += 1
                    }
                }
            }
        }
        #expect(links == 8)
    }

    /// Found by `make fuzz` with signed deliveries: blank delivery headers and a Jira body without
    /// `webhookEvent` are refused, so the document must not call them valid.
    @Test func webhookOperationsDocumentWhatTheyRefuse() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        let github = document["paths"]?["/api/ingest/github"]?["post"]?["parameters"]?.arrayValue ?? []
        for name in ["X-GitHub-Event", "X-GitHub-Delivery"] {
            let schema = github.first { $0["name"]?.stringValue == name }?["schema"]
            #expect(schema?["minLength"] == 1, "\(name)")
            #expect(schema?["maxLength"] == 200, "\(name)")
            #expect(!Self.matches(schema?["pattern"]?.stringValue ?? "", " "), "\(name)")
        }
        let jira = document["paths"]?["/api/ingest/jira"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
        #expect(jira?["required"] == ["webhookEvent"])
        #expect(jira?["properties"]?["webhookEvent"]?["minLength"] == 1)
    }

    /// Found by `make fuzz`: an id past 64 bits is a 400, so the path ids say where they end.
    @Test func pathIDsAreBoundedTo64Bits() throws {
        let fixture = try APIFixture(seed: false)
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        for path in ["/api/harvest/reload/{id}", "/api/harvest/runs/{id}"] {
            let schema = document["paths"]?[path]?["get"]?["parameters"]?[0]?["schema"]
            #expect(schema?["maximum"] == .int(Int64.max), "\(path)")
            #expect(schema?["minimum"] == 1, "\(path)")
        }
    }
}
