@testable import HTTPServer
import Testing

@Suite struct HTTPRequestHeadTests {
    /// Parses `text` as the head the connection hands over: without the CRLF that ends the last line.
    private func parse(_ text: String) throws(HTTPRequestHead.ParseError) -> HTTPRequestHead {
        try HTTPRequestHead(parsing: Array(text.utf8)[...])
    }

    @Test func requestLineAndHeadersAreParsedWithOptionalWhitespaceTrimmed() throws {
        let head = try parse("GET /a/b?x=1 HTTP/1.1\r\nHost: h\r\nX-Key:  v 1 \t")
        #expect(head.method == "GET")
        #expect(head.pathAndQuery.path == "/a/b")
        #expect(head.pathAndQuery.rawQuery == "x=1")
        #expect(head.header("x-key") == "v 1")
    }

    @Test func requestLineWithoutVersionIsRejected() {
        #expect(throws: HTTPRequestHead.ParseError.malformedRequestLine) { try parse("GET /") }
    }

    @Test func headerWithoutColonIsRejected() {
        #expect(throws: HTTPRequestHead.ParseError.malformedHeader) { try parse("GET / HTTP/1.1\r\nBroken") }
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() throws {
        #expect(try parse("GET / HTTP/1.0").wantsKeepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: Keep-Alive").wantsKeepAlive == true)
    }

    @Test func http11KeepsAliveUnlessAskedToClose() throws {
        #expect(try parse("GET / HTTP/1.1").wantsKeepAlive == true)
        #expect(try parse("GET / HTTP/1.1\r\nConnection: close").wantsKeepAlive == false)
    }

    @Test func endOfHeadIsFoundAfterTheBlankLine() {
        let bytes = Array("GET / HTTP/1.1\r\nA: b\r\n\r\nBODY".utf8)
        #expect(HTTPConnection.endOfHead(in: bytes, from: 0) == bytes.count - 4)
        #expect(HTTPConnection.endOfHead(in: Array("GET / HTTP/1.1\r\n".utf8), from: 0) == nil)
    }
}
