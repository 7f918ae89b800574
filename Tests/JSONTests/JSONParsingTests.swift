import JSON
import Testing

@Suite struct JSONParsingTests {
    @Test func unicodeEscapesDecodeToCharactersIncludingSurrogatePairs() throws {
        let value = try JSONValue.parse(#""\u00e9\ud83d\ude00""#)
        #expect(value == "é😀")
    }

    @Test func unicodeEscapedStringSurvivesSerializeAndReparse() throws {
        let value = try JSONValue.parse(#"{"name":"\u00e9\ud83d\ude00"}"#)
        let text = value.serializedString()
        #expect(text == #"{"name":"é😀"}"#)
        #expect(try JSONValue.parse(text) == value)
    }

    @Test func anyTopLevelValueIsAccepted() throws {
        #expect(try JSONValue.parse("42") == .int(42))
        #expect(try JSONValue.parse(" \"x\" ") == "x")
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse("2.5") == .double(2.5))
    }

    @Test func escapedNulInsideStringIsKept() throws {
        let value = try JSONValue.parse(#""a\u0000b""#)
        #expect(value.stringValue?.utf8.count == 3)
        #expect(value == "a\u{0}b")
    }

    @Test func nulInObjectKeyIsRejected() {
        // jansson allows NUL in strings (JSON_ALLOW_NUL) but not in keys.
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(#"{"a\u0000b":1}"#) }
        #expect(error?.code == .nullByteInKey)
    }

    @Test func truncatedObjectIsPrematureEnd() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(#"{"a":"#) }
        #expect(error?.code == .prematureEndOfInput)
    }

    @Test func emptyInputIsRejected() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse([UInt8]()) }
        #expect(error?.code == .prematureEndOfInput)
    }

    @Test func trailingCommaIsInvalidSyntax() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse("[1,2,]") }
        #expect(error?.code == .invalidSyntax)
    }

    @Test func trailingGarbageAfterValueIsRejected() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(#"{"a":1} x"#) }
        #expect(error?.code == .endOfInputExpected)
    }

    @Test func invalidUTF8BytesAreRejected() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
        #expect(error?.code == .invalidUTF8)
    }

    @Test func loneSurrogateEscapeIsRejected() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(#""\ud800""#) }
        #expect(error?.code == .invalidSyntax)
        #expect(error?.message.contains("Unicode") == true)
    }

    @Test func hundredThousandNestedArraysAreRejectedWithoutCrashing() {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(input) }
        #expect(error?.code == .tooDeeplyNested)
    }

    @Test func deepestAcceptedNestingConvertsAndReserializes() throws {
        // jansson counts the innermost scalar as a level too, so 2047 arrays is its limit (2048).
        // Converting this must not recurse on the Swift stack.
        let depth = 2047
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let value = try JSONValue.parse(text)
        var level = value
        var levels = 0
        while let inner = level[0], level.arrayValue != nil {
            level = inner
            levels += 1
        }
        #expect(levels == depth)
        #expect(level == 1)
        #expect(value.serializedString() == text)
    }

    @Test func errorCarriesLineColumnAndPosition() {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse("{\n  \"a\": 1,\n  \"b\": }") }
        #expect(error?.line == 3)
        #expect(error?.column == 8)
        #expect(error?.position == 20)
        #expect(error?.description.contains("line 3, column 8") == true)
    }

    @Test func nestedAccessorsReturnNilForWrongShapes() throws {
        let value = try JSONValue.parse(#"{"a":[10,{"b":"x"}],"n":1.5,"i":3}"#)
        #expect(value["a"]?[0]?.intValue == 10)
        #expect(value["a"]?[1]?["b"]?.stringValue == "x")
        #expect(value["a"]?[2] == nil)
        #expect(value["a"]?["b"] == nil)
        #expect(value["missing"] == nil)
        #expect(value["n"]?.intValue == nil)
        #expect(value["n"]?.doubleValue == 1.5)
        #expect(value["i"]?.doubleValue == 3)
        #expect(value["i"]?.stringValue == nil)
    }
}
