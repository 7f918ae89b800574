@testable import API
import Postgres
import Testing

@Suite struct DataChangeWatermarkTests {
    static func snapshot(_ text: String) -> PostgresSnapshot { PostgresSnapshot(text: text)! }

    static func listening(_ text: String = "100:100:") -> DataChangeWatermark {
        var watermark = DataChangeWatermark()
        watermark.listening(since: snapshot(text))
        return watermark
    }

    @Test func nothingIsCurrentBeforeListening() {
        let watermark = DataChangeWatermark()
        #expect(watermark.listenSnapshot == nil)
        #expect(!watermark.admits(Self.snapshot("200:200:")))
    }

    /// Transactions that ended before the worker listened were never heard of: a document
    /// built from a snapshot that saw one of them running is not current.
    @Test func aDocumentMustHaveSeenWhatEndedBeforeListening() {
        let watermark = Self.listening("95:100:95,97")
        #expect(watermark.admits(Self.snapshot("95:100:95,97")))
        #expect(watermark.admits(Self.snapshot("97:104:97,101")))
        #expect(!watermark.admits(Self.snapshot("90:99:90")))
        #expect(!watermark.admits(Self.snapshot("95:100:95,96")))
    }

    @Test func aHeardTransactionMustHaveEndedInTheSnapshot() {
        var watermark = Self.listening()
        let readable = watermark.heard("103")
        #expect(readable)
        #expect(watermark.recent == [103])
        #expect(!watermark.admits(Self.snapshot("100:103:")))
        #expect(!watermark.admits(Self.snapshot("100:105:100,103")))
        // Running 100 (another database's transaction, say) does not matter: 103 had ended.
        #expect(watermark.admits(Self.snapshot("100:105:100")))
        #expect(watermark.admits(Self.snapshot("104:104:")))
    }

    /// Under parallel load another database's transaction (100) can run for a while: a document
    /// whose snapshot saw 103 end stays current after 100 ends too (it did not when heard
    /// transactions below the oldest running one were folded into the floor).
    @Test func aDocumentStaysCurrentWhenAnOlderTransactionEndsLater() {
        var watermark = Self.listening("100:100:")
        _ = watermark.heard("103")
        let document = Self.snapshot("100:105:100")
        #expect(watermark.admits(document))
        _ = watermark.heard("108")
        #expect(!watermark.admits(document))
        #expect(watermark.admits(Self.snapshot("106:110:106")))
        #expect(watermark.recent == [103, 108])
    }

    @Test func recentStaysShort() {
        var watermark = Self.listening()
        for transaction in 1_000..<(1_000 + DataChangeWatermark.recentLimit + 10) { _ = watermark.heard(String(transaction)) }
        #expect(watermark.recent.count == DataChangeWatermark.recentLimit)
        #expect(watermark.floor == 1_009)
        #expect(watermark.recent.first == 1_010)
    }

    @Test func aPayloadThatIsNoTransactionIdAsksToListenAnew() {
        var watermark = Self.listening()
        for payload in ["", "by hand", "-5", "0", "12x"] {
            let readable = watermark.heard(payload)
            #expect(!readable, "\(payload)")
        }
        #expect(watermark.recent.isEmpty)
    }
}
