import JSON
import Testing

@Suite struct JSONSerializationTests {
    @Test func quotesBackslashesControlCharactersAndNulAreEscaped() {
        let value: JSONValue = .string("q\"b\\n\nt\tnul\u{0}bell\u{7}")
        #expect(value.serializedString() == #""q\"b\\n\nt\tnul\u0000bell\u0007""#)
    }

    @Test func nonASCIIIsWrittenAsUTF8() {
        let value: JSONValue = ["city": "Zürich 東京"]
        #expect(value.serialized() == Array(#"{"city":"Zürich 東京"}"#.utf8))
    }

    @Test func int64ExtremesRoundTrip() throws {
        let value: JSONValue = [.int(.min), .int(.max)]
        let text = value.serializedString()
        #expect(text == "[-9223372036854775808,9223372036854775807]")
        #expect(try JSONValue.parse(text) == value)
    }

    @Test func doublesRoundTripBitExactly() throws {
        let numbers: [Double] = [0.1, 1.0 / 3.0, 1e300, -2.5e-308, 5e-324, 123456789.123456789, 1.0]
        let value = JSONValue.array(numbers.map(JSONValue.double))
        let reparsed = try JSONValue.parse(value.serialized())
        #expect(reparsed.arrayValue?.compactMap(\.doubleValue).map(\.bitPattern) == numbers.map(\.bitPattern))
        #expect(reparsed[6] == .double(1.0))
    }

    @Test func nonFiniteDoublesAreWrittenAsNull() {
        let value: JSONValue = [.double(.nan), .double(.infinity)]
        #expect(value.serializedString() == "[null,null]")
    }

    @Test func objectKeysKeepInsertionOrder() throws {
        let text = #"{"zeta":1,"alpha":2,"mid":3,"beta":4}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid", "beta"])
        #expect(value.serializedString() == text)
    }

    @Test func sortedKeysOrdersMembersAtEveryLevel() {
        let value: JSONValue = ["b": ["y": 1, "x": 2], "a": true]
        #expect(value.serializedString(sortedKeys: true) == #"{"a":true,"b":{"x":2,"y":1}}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let value: JSONValue = ["a": [1]]
        #expect(value.serializedString(pretty: true) == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    @Test func scalarsSerializeAtTopLevel() {
        #expect(JSONValue.null.serializedString() == "null")
        #expect(JSONValue("x").serializedString() == #""x""#)
        #expect(JSONValue(false).serializedString() == "false")
    }

    @Test func keyWithEscapesAndEmptyStringsSerialize() throws {
        let value: JSONValue = ["": "", "k\"\u{0}": .array([])]
        let text = value.serializedString()
        #expect(text == #"{"":"","k\"\u0000":[]}"#)
    }

    @Test func valueNestedBeyondParserLimitStillSerializes() {
        // A parsed document (≤ 2048 levels) wrapped in envelopes must not hit a limit.
        let depth = 4000
        var value: JSONValue = "core"
        for _ in 0..<depth { value = ["wrap": value] }
        let text = value.serializedString()
        #expect(text == String(repeating: #"{"wrap":"#, count: depth) + #""core""# + String(repeating: "}", count: depth))
    }

    @Test func outputLargerThanFirstBufferIsComplete() throws {
        let big = JSONValue.array((0..<5000).map { .string("item-\($0)") })
        let bytes = big.serialized()
        #expect(bytes.count > 1024)
        #expect(try JSONValue.parse(bytes) == big)
    }
}
