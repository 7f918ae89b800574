import JSON
import Testing

/// Every response body the tests see has the top-level keys its documented schema lists:
/// all required ones, and none the schema does not know.
@Suite struct DocumentedShapeTests {
    static func schema(in document: JSONValue, path: String, method: String, status: Int) -> JSONValue? {
        var response = document["paths"]?[path]?[method]?["responses"]?[String(status)]
        if let ref = response?["$ref"]?.stringValue {
            response = document["components"]?["responses"]?[String(ref.split(separator: "/").last!)]
        }
        guard let ref = response?["content"]?["application/json"]?["schema"]?["$ref"]?.stringValue else { return nil }
        return document["components"]?["schemas"]?[String(ref.split(separator: "/").last!)]
    }

    @Test(arguments: [
        ("GET", "/health", "/health"),
        ("GET", "/api/issues/keys?limit=2", "/api/issues/keys"),
        ("GET", "/api/issues/keys?limit=0", "/api/issues/keys"),
        ("GET", "/api/issues/hierarchy", "/api/issues/hierarchy"),
        ("GET", "/api/issues/FEAT-1", "/api/issues/{key}"),
        ("GET", "/api/issues/NOPE-1", "/api/issues/{key}"),
        ("POST", "/api/harvest/reload", "/api/harvest/reload"),
        ("GET", "/api/harvest/reload", "/api/harvest/reload"),
        ("GET", "/api/harvest/reload/1", "/api/harvest/reload/{id}"),
        ("GET", "/api/harvest/runs", "/api/harvest/runs"),
        ("GET", "/api/harvest/runs/2", "/api/harvest/runs/{id}"),
        ("GET", "/api/anomalies", "/api/anomalies"),
        ("DELETE", "/api/anomalies", "/api/anomalies"),
        ("GET", "/api/flow", "/api/flow"),
        ("GET", "/api/flow?from=2026-02-01&to=2026-01-01", "/api/flow"),
        ("GET", "/api/issues/FEAT-1/transitions", "/api/issues/{key}/transitions"),
        ("GET", "/api/issues/NOPE-1/transitions", "/api/issues/{key}/transitions"),
    ])
    func responseMatchesItsDocumentedKeys(method: String, target: String, documentedPath: String) throws {
        let fixture = try APIFixture()
        let document = fixture.get("/api/openapi.json", key: .some(nil)).json
        let response = fixture.request(method, target)
        let documentedMethod = response.status == 405 ? "get" : method.lowercased()
        let schema = try #require(Self.schema(in: document, path: documentedPath, method: documentedMethod,
                                              status: response.status), "status \(response.status) documented")
        let keys = Set(response.json.objectValue?.keys ?? [])
        let properties = Set(schema["properties"]?.objectValue?.keys ?? [])
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(required.isSubset(of: keys), "missing \(required.subtracting(keys))")
        #expect(keys.isSubset(of: properties), "undocumented \(keys.subtracting(properties))")
    }
}
