import JSON
import Testing
@testable import Simulator

@Suite struct SimJSONWriterTests {
    let value: JSONValue = ["b": [1, 2.5, nil, true], "a": "quote \" slash \\ line\n tab\t bell\u{7} é", "c": [:]]

    @Test func compactOutputParsesBackToTheSameValue() throws {
        #expect(try JSONValue.parse(SimJSONWriter.serialize(value)) == value)
    }

    @Test func sortedKeysOrderMembersByName() {
        let text = String(decoding: SimJSONWriter.serialize(value, sortedKeys: true), as: UTF8.self)
        #expect(text.hasPrefix("{\"a\":") && text.contains("\\u0007") && text.hasSuffix("\"c\":{}}"))
    }

    @Test func prettyOutputIndentsByTwo() {
        let text = String(decoding: SimJSONWriter.serialize(["k": [1]], pretty: true), as: UTF8.self)
        #expect(text == "{\n  \"k\": [\n    1\n  ]\n}\n")
    }
}
