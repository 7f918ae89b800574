import JSON
import Testing

/// PostgreSQL's JSON text, compacted, is what the API's writer writes for the same value.
@Suite struct CompactJSONTextTests {
    static func compacted(_ text: String) -> String {
        String(decoding: CompactJSONText.compacted(text), as: UTF8.self)
    }

    @Test(arguments: [
        // json_build_object and json_agg as PostgreSQL 15 writes them.
        #"{"issue_key" : "A-1", "labels" : ["x", "y"], "parent" : null, "n" : 12}"#,
        "[{\"kind\" : \"orphan_parent\", \"details\" : {\"parent_key\": \"P-9\"}}, \n {\"kind\" : \"stale\"}]",
        // Strings keep their spaces, quotes, backslashes and non-ASCII; escapes stay escapes.
        #"{"summary" : "a \"quoted\" : name,\\ with [brackets] {and} tabs\t and é ü 中", "e" : "\u001f\n"}"#,
        #"{"empty" : {}, "list" : [], "deep" : [[[], {}], {"a" : [true, false, -1]}]}"#,
    ])
    func compactedIsWhatTheWriterWrites(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(Self.compacted(text) == value.serializedString())
    }

    /// PostgreSQL writes control characters as `\u001f`; an escaped backslash before a `u` is no escape.
    @Test func lowerCaseUnicodeEscapesBecomeUpperCaseAsTheWriterWritesThem() throws {
        #expect(Self.compacted(#"["\u001f", "stays \\u00e9" , 12.50]"#) == #"["\u001F","stays \\u00e9",12.50]"#)
    }
}
