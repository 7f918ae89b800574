import JSON
import TestKit
import Testing

/// The stored form of text PostgreSQL cannot hold (docs/normalization.md): NULs and lone
/// surrogates become six-character escapes, reversibly, and nothing else changes.
@Suite struct StorableTextTests {
    @Test func nulInValuesAndMemberNamesIsStoredAsItsEscapeText() throws {
        let value = try JSONValue.parseStorable(Array(#"{"a\u0000b":["x\u0000"]}"#.utf8))
        #expect(value == [#"a\u0000b"#: [#"x\u0000"#]])
        #expect(StorableText.columnText(#"x\u0000"#) == "x\u{FFFD}")
        #expect(StorableText.originalUTF16(#"a\u0000b"#) == [0x61, 0, 0x62])
    }

    @Test func loneSurrogateEscapesThatJanssonRefusesAreStoredAsText() throws {
        let bytes = Array(#"{"high":"cut \ud83d","low":"\uDE00 end","pair":"\ud83d\ude00"}"#.utf8)
        #expect(throws: JSONError.self) { try JSONValue.parse(bytes) }
        let value = try JSONValue.parseStorable(bytes)
        #expect(value["high"] == #"cut \ud83d"#)
        #expect(value["low"] == #"\ude00 end"#)
        #expect(value["pair"] == "😀", "a valid pair is an ordinary character")
        #expect(StorableText.columnText(#"cut \ud83d"#) == "cut \u{FFFD}")
        #expect(StorableText.originalUTF16(#"\ude00 end"#) == [0xDE00] + Array(" end".utf16))
    }

    @Test func literalEscapeTextIsProtectedSoTheRuleStaysReversible() throws {
        // The text `\u0000` (a backslash, then u0000) as sent, next to a real NUL.
        let value = try JSONValue.parseStorable(Array(#""C:\\u0000 \u0000 \\u00e9""#.utf8))
        #expect(value == #"C:\u005cu0000 \u0000 \u00e9"#, "only a backslash before an escape of the rule is protected")
        #expect(StorableText.originalUTF16(value.stringValue!) == Array(#"C:\u0000 "#.utf16) + [0] + Array(#" \u00e9"#.utf16))
        #expect(StorableText.columnText(value.stringValue!) == "C:\\u0000 \u{FFFD} \\u00e9")
    }

    @Test func textWithoutSuchEscapesIsReturnedAsItWas() {
        let text = Array(#"{"path":"C:\\temp\\new","q":"say \"hi\"","e":"\u00e9\ud83d\ude00","n":"\n"}"#.utf8)
        #expect(StorableText.escapingUnstorable(inJSON: text) == text)
        #expect(StorableText.columnText(#"C:\temp"#) == #"C:\temp"#)
        #expect(StorableText.stored("plain") == "plain")
    }

    @Test func invalidJSONStaysInvalid() {
        for text in [#""\u0000"#, #"{"a":"\ud800\x"}"#, "\"\\u0000\u{1}\""] {
            #expect(throws: JSONError.self, "\(text)") { try JSONValue.parseStorable(Array(text.utf8)) }
        }
    }

    /// Any UTF-16 code units, written into a JSON text as `\uXXXX` escapes or as characters,
    /// come back exactly from the stored string, which is valid Unicode without NUL.
    @Test func anyCodeUnitsSurviveTheStoredFormExactly() throws {
        var random = SplitMix(seed: 19)
        let alphabet: [UInt16] = [0, 0x5C, 0x75, 0x30, 0x35, 0x63, 0x44, 0x64, 0x38, 0x46, 0x61, 0x22,
                                  0xD83D, 0xDE00, 0xDBFF, 0xDC00, 0xE9, 0x20]
        for _ in 0..<2000 {
            let units = (0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let stored = StorableText.storedUTF16(units)
            #expect(!stored.contains(0))
            let storedText = String(decoding: stored, as: UTF16.self)
            #expect(Array(storedText.utf16) == stored, "valid UTF-16: \(units)")
            #expect(StorableText.originalUTF16(storedText) == units, "\(units)")
            var json = "\""
            for unit in units {
                if random.next() % 2 == 0 || unit < 0x20 || unit == 0x22 || unit == 0x5C || (0xD800...0xDFFF).contains(unit) {
                    json += "\\u" + String(unit, radix: 16).leftPadded(to: 4)
                } else {
                    json += String(decoding: [unit], as: UTF16.self)
                }
            }
            json += "\""
            let parsed = try JSONValue.parseStorable(Array(json.utf8))
            #expect(parsed.stringValue == storedText, "\(json)")
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
