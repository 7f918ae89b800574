import Foundation
@testable import JSON
import Testing
import TestKit

/// The compact writer must produce exactly jansson's bytes, so either can serve any caller.
@Suite struct CompactWriterTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/github-webhooks")

    static func payloadFiles() throws -> [URL] {
        let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)
        let files = (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everyVendoredPayloadMatchesJanssonByteForByte() throws {
        let files = try Self.payloadFiles()
        #expect(files.count >= 14)
        for file in files {
            let value = try JSONValue.parse([UInt8](Data(contentsOf: file)))
            #expect(value.serialized() == value.janssonSerialized(sortedKeys: false, pretty: false),
                    "\(file.lastPathComponent)")
        }
    }

    @Test func everyControlCharacterAndEscapeMatchesJansson() {
        let all = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        let value: JSONValue = .object(JSONObject([
            ("k\u{0}\u{1f}\"\\/", .string(all)), ("unicode", .string("Zürich 東京 😀 \u{2028}")),
            ("numbers", .array([.int(0), .int(-9_223_372_036_854_775_808), .double(0.1), .double(-2.5e-300),
                                .double(1e300), .double(3), .double(.nan), .double(-.infinity)])),
            ("empty", .array([.object(JSONObject()), .array([]), .string("")])),
            ("scalars", .array([.null, .bool(true), .bool(false)])),
        ]))
        #expect(value.serializedString() == String(decoding: value.janssonSerialized(sortedKeys: false, pretty: false), as: UTF8.self))
        #expect(JSONValue.string("\u{7}").serializedString() == #""\u0007""#)
    }

    /// Strings are tested eight bytes at a time: an escape at every offset within and across
    /// those words, in strings of every length up to 40, matches jansson (seeded, so repeatable).
    @Test func escapesAtEveryOffsetMatchJansson() {
        let pieces: [String] = ["a", "Z", "~", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", "é", "東", "😀", " "]
        var generator = SplitMix(seed: 20261122)
        for length in 0...40 {
            for _ in 0..<25 {
                let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                var writer = CompactJSONWriter(capacity: 16)
                Array(text.utf8).withUnsafeBufferPointer { writer.writeString(utf8: $0) }
                let jansson = JSONValue.string(text).janssonSerialized(sortedKeys: false, pretty: false)
                #expect(writer.bytes == jansson, "\(text.debugDescription)")
            }
        }
        // One escape alone at each offset of a 24-byte string of plain letters.
        for offset in 0..<24 {
            for escaped in ["\"", "\\", "\u{1}", "\u{1f}"] {
                var letters = Array(repeating: "x", count: 24)
                letters[offset] = escaped
                let text = letters.joined()
                var writer = CompactJSONWriter(capacity: 16)
                Array(text.utf8).withUnsafeBufferPointer { writer.writeString(utf8: $0) }
                #expect(writer.bytes == JSONValue.string(text).janssonSerialized(sortedKeys: false, pretty: false))
            }
        }
    }

    @Test func deepNestingNeedsNoRecursion() {
        var value = JSONValue.int(1)
        for _ in 0..<3_000 { value = .array([value]) }
        let bytes = value.serialized()
        #expect(bytes.count == 6_001)
        #expect(bytes.prefix(3) == [91, 91, 91])
    }

    /// Rows streamed a member at a time into a small buffer (it grows many times) give jansson's
    /// bytes for the same values written whole.
    @Test func rowsStreamedMemberByMemberMatchJansson() {
        var writer = CompactJSONWriter(capacity: 16)
        var whole: [JSONValue] = []
        writer.writeRaw("[")
        for index in 0..<300 {
            if index > 0 { writer.writeRaw(",") }
            let summary = "line \(index)\n\"quoted\" \\ tab\t é \u{01}"
            writer.writeRaw("{\"issue_key\":")
            writer.writeString("K-\(index)")
            writer.writeRaw(",\"summary\":")
            Array(summary.utf8).withUnsafeBufferPointer { writer.writeString(utf8: $0) }
            writer.writeRaw(",\"n\":")
            writer.writeInt(-index)
            writer.writeRaw(",\"parent\":")
            writer.writeNull()
            writer.writeRaw("}")
            whole.append(.object(["issue_key": .string("K-\(index)"), "summary": .string(summary),
                                  "n": .int(Int64(-index)), "parent": .null]))
        }
        writer.writeRaw("]")
        #expect(writer.bytes == JSONValue.array(whole).janssonSerialized(sortedKeys: false, pretty: false))
    }
}
