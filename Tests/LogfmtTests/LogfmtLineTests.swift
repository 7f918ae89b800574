import Logfmt
import Logging
import Testing

/// The text of one line: its shape, the order of its fields, and how values are escaped.
@Suite struct LogfmtLineTests {
    static func line(_ event: String, level: Logger.Level = .info, _ metadata: Logger.Metadata = [:]) -> String {
        String(decoding: LogfmtHandler.line(level: level, event: event, metadata: metadata), as: UTF8.self)
    }

    static func value(_ value: String) -> String {
        let text = line("test", ["v": .string(value)])
        return String(text.dropFirst("level=info event=test v=".count).dropLast())
    }

    @Test func lineStartsWithLevelAndEventAndEndsWithOneNewline() {
        #expect(Self.line("worker_spawned", ["slot": "0", "pid": "123"])
            == "level=info event=worker_spawned pid=123 slot=0\n")
        #expect(Self.line("pool_ready", level: .warning) == "level=warning event=pool_ready\n")
    }

    @Test func fieldsAreSortedByKeyWhateverTheOrderGiven() {
        let metadata: Logger.Metadata = ["source": "jira", "total": "5600", "level_no": "1", "approximate": "true", "page": "57"]
        #expect(Self.line("page", metadata)
            == "level=info event=page approximate=true level_no=1 page=57 source=jira total=5600\n")
    }

    @Test func postgresMessageQuotingANameStaysOneParseableValue() {
        #expect(Self.line("database_error", level: .error, ["message": #"relation "issues" does not exist"#])
            == #"level=error event=database_error message="relation \"issues\" does not exist""# + "\n")
    }

    @Test func newlinesAndTabsAreEscapedSoTheEventIsOneLine() {
        let text = Self.line("test", ["reason": "ERROR:  syntax error\nLINE 1: SELEC\r\n\tHINT"])
        #expect(text.filter { $0 == "\n" }.count == 1)
        #expect(text.hasSuffix(#"reason="ERROR:  syntax error\nLINE 1: SELEC\r\n\tHINT""# + "\n"))
    }

    @Test func equalsSignAndBackslashAreQuoted() {
        #expect(Self.value("/__test/sleep?ms=5000") == #""/__test/sleep?ms=5000""#)
        #expect(Self.value(#"C:\tmp"#) == #""C:\\tmp""#)
    }

    @Test func emptyValueIsTwoQuotes() {
        #expect(Self.value("") == #""""#)
        #expect(Self.line("") == "level=info event=\"\"\n")
    }

    @Test func plainValuesAreLeftAlone() {
        #expect(Self.value("WSA-12") == "WSA-12")
        #expect(Self.value("octo/repo#42") == "octo/repo#42")
        #expect(Self.value("0.25") == "0.25")
    }

    @Test func unicodePassesThroughUnquotedUnlessItNeedsQuotes() {
        #expect(Self.value("Müller") == "Müller")
        #expect(Self.value("日本語") == "日本語")
        #expect(Self.value("🙂") == "🙂")
        #expect(Self.value("Jürgen Müller") == #""Jürgen Müller""#)
    }

    @Test func otherControlCharactersUseUnicodeEscapes() {
        #expect(Self.value("a\u{0}b") == #""a\u0000b""#)
        #expect(Self.value("bell\u{7}") == #""bell\u0007""#)
        #expect(Self.value("\u{1B}[K") == #""\u001b[K""#)
        #expect(Self.value("del\u{7F}") == #""del\u007f""#)
        #expect(Self.value("next\u{85}line") == #""next\u0085line""#)
    }

    @Test func eventNameIsEscapedLikeAValue() {
        #expect(Self.line("two words") == "level=info event=\"two words\"\n")
    }

    @Test func keysCannotEndEarly() {
        #expect(Self.line("test", ["bad key=": "1", "": "2"]) == "level=info event=test _=2 bad_key_=1\n")
    }

    @Test func metadataCannotPassForTheLinesOwnLevelOrEvent() {
        #expect(Self.line("page", ["level": "2", "event": "issues"]) == "level=info event=page _event=issues _level=2\n")
    }

    @Test func nestedValuesKeepAStableOrder() {
        #expect(Self.line("test", ["ids": ["1", "2", "3"], "counts": ["b": "2", "a": "1"]])
            == "level=info event=test counts={a:1,b:2} ids=[1,2,3]\n")
    }
}
