import FastCGI
import Testing

/// The parameters are kept as bytes and looked up by name; nothing may be lost or mixed up.
@Suite struct FastCGIParamsTests {
    static let sent = FastCGIParams([
        ("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/api/issues/A%2FB?x=1"), ("QUERY_STRING", ""),
        ("HTTP_X_API_KEY", "k=with=equals"), ("HTTP_HOST", "example"), ("HTTP_", "no name"),
        ("CONTENT_TYPE", "application/json"), ("HTTP_HOST", "second"), ("REQUEST", "prefix of a name"),
        ("", "empty name"), ("É_NAME", "ünïcode"),
    ])

    @Test func lookupsByNameFindTheLastOfThatExactName() {
        #expect(Self.sent["REQUEST_METHOD"] == "GET")
        #expect(Self.sent["REQUEST_URI"] == "/api/issues/A%2FB?x=1")
        #expect(Self.sent["QUERY_STRING"] == "", "empty, not missing")
        #expect(Self.sent["HTTP_X_API_KEY"] == "k=with=equals", "the value runs to the end, = included")
        #expect(Self.sent["HTTP_HOST"] == "second", "the last of a repeated name, as a later fastcgi_param overrides")
        #expect(Self.sent["REQUEST"] == "prefix of a name")
        #expect(Self.sent["REQUEST_"] == nil && Self.sent["request_method"] == nil && Self.sent["MISSING"] == nil)
        #expect(Self.sent[""] == "empty name")
        #expect(Self.sent["É_NAME"] == "ünïcode")
        #expect(Self.sent.count == 11)
    }

    @Test func prefixedParametersComeInOrderWithTheRestOfTheirName() {
        var seen: [String] = []
        Self.sent.forEach { name, value in
            guard FastCGIParams.name(name, hasPrefix: "HTTP_") else { return }
            seen.append("\(String(decoding: name[5...], as: UTF8.self))=\(String(decoding: value, as: UTF8.self))")
        }
        #expect(seen == ["X_API_KEY=k=with=equals", "HOST=example", "=no name", "HOST=second"])
    }

    @Test func everyParameterIsVisitedInOrderAsBytes() {
        var seen: [String] = []
        Self.sent.forEach { name, value in
            seen.append(String(decoding: name, as: UTF8.self) + "=" + String(decoding: value, as: UTF8.self))
        }
        #expect(seen.count == 11)
        #expect(seen.first == "REQUEST_METHOD=GET")
        #expect(seen[3] == "HTTP_X_API_KEY=k=with=equals")
        #expect(seen.suffix(2) == ["=empty name", "É_NAME=ünïcode"])
    }

    @Test func namesCompareExactlyOrByPrefix() {
        func check(_ name: String, is expected: StaticString) -> Bool {
            Array(name.utf8).withUnsafeBufferPointer { FastCGIParams.name($0, is: expected) }
        }
        func check(_ name: String, hasPrefix prefix: StaticString) -> Bool {
            Array(name.utf8).withUnsafeBufferPointer { FastCGIParams.name($0, hasPrefix: prefix) }
        }
        #expect(check("REQUEST_URI", is: "REQUEST_URI"))
        #expect(!check("REQUEST_URJ", is: "REQUEST_URI") && !check("REQUEST_UR", is: "REQUEST_URI"))
        #expect(!check("REQUEST_URIS", is: "REQUEST_URI") && !check("request_uri", is: "REQUEST_URI"))
        #expect(check("", is: "") && !check("", is: "A"))
        #expect(check("HTTP_HOST", hasPrefix: "HTTP_") && check("HTTP_", hasPrefix: "HTTP_"))
        #expect(!check("HTTP", hasPrefix: "HTTP_") && !check("XHTTP_HOST", hasPrefix: "HTTP_"))
        #expect(check("anything", hasPrefix: ""))
    }

    @Test func theDictionaryHasEveryNameOnceWithItsLastValue() {
        let all = Self.sent.dictionary
        #expect(all.count == 10)
        #expect(all["HTTP_HOST"] == "second")
        #expect(FastCGIParams([]).dictionary.isEmpty && FastCGIParams([])["X"] == nil)
    }
}
