import Foundation
import Postgres
import TestKit
import Testing

@Suite struct PostgresTypeRoundTripTests {
    @Test func everyScalarTypeRoundTripsThroughParameters() throws {
        let db = try TestDatabase.create().connect()
        let when = Date(timeIntervalSince1970: 1_795_000_000.123456)
        let row = try #require(db.query(
            "SELECT $1::text AS t, $2::int AS i, $3::bigint AS b, $4::bool AS yes, $5::bool AS no, $6::timestamptz AS ts, $7::float8 AS d",
            ["héllo wörld ✓", 42, Int64.max, true, false, when, 2.5]).first)
        #expect(try row.get("t") == "héllo wörld ✓")
        #expect(try row.get("i") == 42)
        #expect(try row.get("b") == Int64.max)
        #expect(try row.get("yes") == true)
        #expect(try row.get("no") == false)
        let back: Date = try row.get("ts")
        #expect(abs(back.timeIntervalSince1970 - when.timeIntervalSince1970) < 0.000002)
        #expect(try row.get("d") == 2.5)
    }

    @Test func nullReadsAsNilForOptionalsAndFailsForNonOptionals() throws {
        let db = try TestDatabase.create().connect()
        let none: String? = nil
        let row = try #require(db.query("SELECT $1::text AS t, NULL::int AS i, NULL::text[] AS a", [none]).first)
        #expect(try row.get("t", as: String?.self) == nil)
        #expect(try row.get("i", as: Int?.self) == nil)
        #expect(try row.get("a", as: [String]?.self) == nil)
        #expect(row.isNull("t"))
        #expect(throws: PostgresError.self) { try row.get("i", as: Int.self) }
        do {
            _ = try row.get("t", as: String.self)
            Issue.record("expected unexpectedNull")
        } catch {
            #expect(error.code == .unexpectedNull)
        }
    }

    @Test func textArrayKeepsCommasQuotesBackslashesBracesAndUnicode() throws {
        let db = try TestDatabase.create().connect()
        let labels = ["plain", "with,comma", "with \"quote\"", "back\\slash", "{braces}", "NULL", "", " spaced ", "日本語 🚀"]
        let row = try #require(db.query("SELECT $1::text[] AS labels, cardinality($1::text[]) AS n", [labels]).first)
        #expect(try row.get("labels") == labels)
        #expect(try row.get("n") == labels.count)
    }

    @Test func arrayWithNullElementsAndEmptyArrayRoundTrip() throws {
        let db = try TestDatabase.create().connect()
        let withNull: [String?] = ["a", nil, "c"]
        let row = try #require(db.query("SELECT $1::text[] AS a, $2::text[] AS e, $2::text[] = '{}' AS empty",
                                        [withNull, [String]()]).first)
        #expect(try row.get("a", as: [String?].self) == withNull)
        #expect(try row.get("e", as: [String].self) == [])
        #expect(try row.get("empty") == true)
    }

    @Test func integerAndBigintArraysRoundTrip() throws {
        let db = try TestDatabase.create().connect()
        let row = try #require(db.query("SELECT $1::int[] AS i, $2::bigint[] AS b", [[1, -2, 3], [Int64.min, 0]]).first)
        #expect(try row.get("i") == [1, -2, 3])
        #expect(try row.get("b") == [Int64.min, Int64(0)])
    }

    @Test func jsonbRoundTripsAsText() throws {
        let db = try TestDatabase.create().connect()
        let json = #"{"key": "A-1", "labels": ["x", "y"], "n": 3, "nested": {"ok": true, "text": "é\"\\"}}"#
        let row = try #require(db.query("SELECT $1::jsonb AS doc, ($1::jsonb)->'nested'->>'text' AS inner",
                                        [PostgresJSONText(json)]).first)
        let doc: PostgresJSONText = try row.get("doc")
        #expect(doc.text.contains(#""labels": ["x", "y"]"#))
        #expect(try row.get("inner") == "é\"\\")
    }

    @Test func valuesNeverBecomeSQL() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE t (v text)")
        let hostile = "x'); DROP TABLE t; --"
        try db.query("INSERT INTO t (v) VALUES ($1)", [hostile])
        let row = try #require(db.query("SELECT v, (SELECT count(*) FROM t) AS n FROM t").first)
        #expect(try row.get("v") == hostile)
        #expect(try row.get("n") == 1)
    }

    @Test func readingTextAsIntegerIsATypeMismatch() throws {
        let db = try TestDatabase.create().connect()
        let row = try #require(db.query("SELECT 'abc'::text AS t").first)
        do {
            _ = try row.get("t", as: Int.self)
            Issue.record("expected typeMismatch")
        } catch {
            #expect(error.code == .typeMismatch)
        }
        #expect(throws: PostgresError.self) { try row.get("missing", as: String.self) }
    }
}
