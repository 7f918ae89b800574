import Foundation
@testable import Pool
import Testing

@Suite struct PoolStatusJSONTests {
    @Test func statusJSONParsesAndEscapesTheURI() throws {
        let board = try Scoreboard(slotCapacity: 1, counterCount: 1)
        board.claim(0, pid: 4242, generation: 1)
        board.slot(0).recordRequest(method: "GET", uri: "/a\"b\\c\n")
        board.slot(0).setState(.idle)
        let text = board.statusSnapshot().jsonText
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let workers = try #require(object["workers"] as? [[String: Any]])
        #expect(workers.first?["request_uri"] as? String == "/a\"b\\c\n")
        #expect(workers.first?["state"] as? String == "idle")
        #expect(object["listen_queue"] is NSNull)
    }

    @Test func millisecondsHaveThreeDecimals() {
        #expect(JSONString.number(1.5) == "1.500")
        #expect(JSONString.number(0.0004) == "0.000")
        #expect(JSONString.number(12.0456) == "12.046")
    }
}
