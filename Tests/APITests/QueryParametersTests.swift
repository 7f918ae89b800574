@testable import API
import Foundation
import Testing

@Suite struct QueryParametersTests {
    @Test func decodesPercentEscapesAndPlus() throws {
        let query = try QueryParameters(parsing: "assignee=John+Doe&key=owner%2Frepo%2312&empty")
        #expect(try query.single("assignee") == "John Doe")
        #expect(try query.single("key") == "owner/repo#12")
        #expect(query.pairs.last?.value == "")
    }

    @Test func keepsRepeatedParametersInOrder() throws {
        let query = try QueryParameters(parsing: "label=a&label=b&x=1&label=c")
        #expect(try query.all("label") == ["a", "b", "c"])
    }

    @Test func malformedEscapeNamesTheParameter() {
        #expect(throws: APIError.invalid("assignee", "malformed percent-encoding (use %XX with two hex digits, as UTF-8; no %00)")) {
            try QueryParameters(parsing: "assignee=ab%zz")
        }
    }

    @Test func truncatedEscapeIsRefused() {
        #expect(throws: APIError.self) { try QueryParameters(parsing: "label=%4") }
    }

    /// Found by `make fuzz`: `status=a%00b` reached PostgreSQL, where libpq cut the array literal
    /// at the NUL and the query failed with 500.
    @Test func nulByteIsRefusedByName() {
        #expect(throws: APIError.invalid("status", "malformed percent-encoding (use %XX with two hex digits, as UTF-8; no %00)")) {
            try QueryParameters(parsing: "status=Done&status=a%00b")
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: APIError.self) { try QueryParameters(parsing: "label=%ff%fe") }
    }

    @Test func unknownNameIsRefusedByName() throws {
        let query = try QueryParameters(parsing: "assigne=jdoe")
        do {
            try query.requireOnly(["assignee"])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownParameter)
            #expect(error.parameter == "assigne")
        }
    }

    @Test func integerOutsideRangeIsRefused() throws {
        let query = try QueryParameters(parsing: "limit=101")
        #expect(throws: APIError.self) { try query.integer("limit", in: 1...100) }
        #expect(try QueryParameters(parsing: "limit=100").integer("limit", in: 1...100) == 100)
    }

    @Test func repeatedSingleValueIsRefused() throws {
        let query = try QueryParameters(parsing: "limit=1&limit=2")
        #expect(throws: APIError.self) { try query.integer("limit", in: 1...100) }
    }

    @Test func timestampNeedsRFC3339WithOffset() throws {
        let good = try QueryParameters(parsing: "t=2026-01-10T10:00:00Z").timestamp("t")
        #expect(good == Date(timeIntervalSince1970: 1_768_039_200))
        let offset = try QueryParameters(parsing: "t=2026-01-10T12:00:00%2B02:00").timestamp("t")
        #expect(offset == good)
        for bad in ["2026-01-10", "2026-01-10T10:00:00", "2026-13-10T10:00:00Z", "yesterday", "2026-01-10 10:00:00Z"] {
            #expect(throws: APIError.self, "\(bad)") {
                try QueryParameters(parsing: "t=" + bad.replacingOccurrences(of: " ", with: "%20")).timestamp("t")
            }
        }
    }

    @Test func cursorRoundTripsAndRejectsGarbage() throws {
        let cursor = IssueKeyCursor.encode("owner/repo#12")
        #expect(!cursor.contains("/") && !cursor.contains("+") && !cursor.contains("="))
        #expect(try IssueKeyCursor.decode(cursor) == "owner/repo#12")
        #expect(throws: APIError.self) { try IssueKeyCursor.decode("not a cursor!") }
        #expect(throws: APIError.self) { try IssueKeyCursor.decode("") }
    }
}
