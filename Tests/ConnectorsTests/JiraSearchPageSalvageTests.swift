import JSON
import Testing
@testable import Connectors

/// A search answer that is not JSON as a whole, read item by item: one bad issue costs that issue,
/// a cut answer keeps its complete issues.
@Suite struct JiraSearchPageSalvageTests {
    static func issue(_ key: String, summary: String = "ok") -> [UInt8] {
        Array(#"{"id":"1","key":"\#(key)","fields":{"summary":"\#(summary)","parent":{"key":"P-1"},"labels":["a]b"]}}"#.utf8)
    }

    static func page(_ items: [[UInt8]], tail: String = #","nextPageToken":"t2","isLast":false}"#) -> [UInt8] {
        Array(#"{"issues":["#.utf8) + Array(items.joined(separator: Array(",".utf8))) + Array(("]" + tail).utf8)
    }

    @Test func anIssueThatIsNotUTF8IsTheOnlyOneLostAndPagingGoesOn() throws {
        var bad = Self.issue("WSA-2")
        bad.insert(0xFF, at: bad.count - 30)
        let body = Self.page([Self.issue("WSA-1"), bad, Self.issue("WSA-3")])
        #expect(throws: JSONError.self) { try JSONValue.parseStorable(body) }
        let page = try #require(JiraSearchPageSalvage.salvage(body, describingPage: "page 1"))
        #expect(page.issues.map { $0["key"]?.stringValue } == ["WSA-1", "WSA-3"])
        #expect(page.unreadable.map(\.itemKey) == ["WSA-2"])
        #expect(page.unreadable.first?.reason.contains("cannot be read") == true)
        #expect(page.nextPageToken == "t2" && !page.isLast)
    }

    @Test func aCutAnswerKeepsItsCompleteIssuesAndNamesThePage() throws {
        let whole = Self.page([Self.issue("WSA-1"), Self.issue("WSA-2"), Self.issue("WSA-3")])
        // Inside the second issue.
        let cut = Array(whole.prefix(#"{"issues":["#.utf8.count + Self.issue("WSA-1").count + 1 + 20))
        let page = try #require(JiraSearchPageSalvage.salvage(cut, describingPage: "page 4 of labels = x"))
        #expect(page.issues.map { $0["key"]?.stringValue } == ["WSA-1"])
        #expect(page.unreadable.map(\.itemKey) == ["page 4 of labels = x"])
        #expect(page.unreadable.first?.reason.contains("cut after 1 complete issue") == true)
        #expect(page.isLast, "without its token the query cannot go on")
    }

    @Test func anAnswerWithoutAnIssuesArrayIsNotSalvaged() {
        #expect(JiraSearchPageSalvage.salvage(Array("<html>502</html>".utf8), describingPage: "p") == nil)
    }
}
