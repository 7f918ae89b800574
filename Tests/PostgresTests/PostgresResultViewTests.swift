import FoundationEssentials
import Postgres
import TestKit
import Testing

@Suite struct PostgresResultViewTests {
    /// Cells read in place: NULL apart from the empty string, bytes as the server sent them, and
    /// row numbers in byte order of a column (non-ASCII after ASCII, as PostgreSQL's "C" collation).
    @Test func cellsAndByteOrderReadInPlace() throws {
        let db = try TestDatabase.create().connect()
        try db.prepare(name: "view_rows", sql: """
            SELECT * FROM (VALUES ('b-2', 'två'), ('B-10', ''), ('b-10', NULL), ('é', 'x')) v(k, t)
            """)
        let seen = try db.run(prepared: "view_rows") { rows in
            (count: rows.rowCount, order: rows.rowsInByteOrder(of: 0),
             second: rows.cell(0, 1).map { String(decoding: $0, as: UTF8.self) },
             empty: rows.cell(1, 1).map(\.count), null: rows.cell(2, 1) == nil)
        }
        #expect(seen.count == 4)
        #expect(seen.order == [1, 2, 0, 3])  // B-10, b-10, b-2, é
        #expect(seen.second == "två")
        #expect(seen.empty == 0)
        #expect(seen.null)
    }

    @Test func aFailingStatementThrowsWithoutReachingTheReader() throws {
        let db = try TestDatabase.create().connect()
        try db.prepare(name: "view_fails", sql: "SELECT 1 / (random() * 0)::int")
        var reached = false
        #expect(throws: PostgresError.self) {
            try db.run(prepared: "view_fails") { _ in reached = true }
        }
        #expect(!reached)
        #expect(try db.query("SELECT 1 AS one").first?.get("one", as: Int.self) == 1)
    }

    /// Typed cells read in place give what `PostgresRow.get` gives for the same text.
    @Test func typedCellsReadInPlaceMatchTheirTextForm() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("SET TimeZone = 'UTC'")
        let sql = """
            SELECT '-9223372036854775808'::bigint AS low, 42::bigint AS n, true AS yes, false AS no,
                   '2026-03-01T12:34:56.123456Z'::timestamptz AS at, ARRAY['bug', 'two words', 'q"uote']::text[] AS labels,
                   '{}'::text[] AS none, 'två'::text AS word, NULL::bigint AS missing
            """
        try db.prepare(name: "view_typed", sql: sql)
        let row = try #require(try db.query(sql).first)
        let seen = try db.run(prepared: "view_typed") { view throws(PostgresError) in
            (low: try view.int64(0, 0), n: try view.int64(0, 1), yes: try view.bool(0, 2), no: try view.bool(0, 3),
             at: try view.timestamp(0, 4), labels: try view.textArray(0, 5), none: try view.textArray(0, 6),
             word: view.string(0, 7), missing: try view.int64(0, 8), name: view.columnName(8))
        }
        #expect(seen.low == Int64.min)
        #expect(seen.n == 42)
        #expect(seen.yes == true)
        #expect(seen.no == false)
        #expect(seen.at == (try row.get("at") as Date))
        #expect(seen.labels == ["bug", "two words", "q\"uote"])
        #expect(seen.none == [])
        #expect(seen.word == "två")
        #expect(seen.missing == nil)
        #expect(seen.name == "missing")
    }

    /// A cell that is not of the type asked for, or NULL where a value is required, is an error
    /// naming the column (and, for a mismatch, the text).
    @Test func aCellOfAnotherTypeOrNullWhereRequiredNamesItsColumn() throws {
        let db = try TestDatabase.create().connect()
        try db.prepare(name: "view_bad", sql: """
            SELECT 'soon'::text AS due, '12x'::text AS count, NULL::text AS owner, '{a,NULL}'::text[] AS tags
            """)
        let errors = try db.run(prepared: "view_bad") { view in
            func error(_ read: () throws(PostgresError) -> Void) -> PostgresError? {
                do { try read() } catch { return error }
                return nil
            }
            return [error { () throws(PostgresError) in _ = try view.timestamp(0, 0) },
                    error { () throws(PostgresError) in _ = try view.int64(0, 1) },
                    error { () throws(PostgresError) in _ = try view.bool(0, 1) },
                    error { () throws(PostgresError) in _ = try view.required(view.string(0, 2), 2) },
                    error { () throws(PostgresError) in _ = try view.textArray(0, 3) }]
        }
        #expect(errors.map { $0?.code } == [.typeMismatch, .typeMismatch, .typeMismatch, .unexpectedNull, .unexpectedNull])
        #expect(errors.map { $0?.message } == [
            "column due: cannot read 'soon' as timestamptz", "column count: cannot read '12x' as bigint",
            "column count: cannot read '12x' as boolean", "column owner is NULL", "column tags holds a NULL element",
        ])
    }

    /// The binary format gives the same values as the text: timestamps the same `Date` to the
    /// bit (before 1970 and 2000 included), integers, booleans and arrays alike.
    @Test func binaryCellsReadAsTheirTextDoes() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("SET TimeZone = 'UTC'")
        try db.prepare(name: "view_formats", sql: """
            SELECT t, n, b, a FROM (VALUES
              ('2026-03-01T12:34:56.123456Z'::timestamptz, '-9223372036854775808'::bigint, true, ARRAY['bug', 'two words']::text[]),
              ('1969-12-31T23:59:59.5Z', 9223372036854775807, false, '{}'),
              ('1999-12-31T23:59:59.999999Z', 0, NULL, ARRAY['é']),
              ('2000-01-01T00:00:00Z', -1, true, NULL),
              ('2026-03-03T09:10:00.000001Z', NULL, false, '{}'),
              (NULL, 42, true, '{}')) v(t, n, b, a)
            """)
        func read(binary: Bool) throws -> [String] {
            try db.run(prepared: "view_formats", binaryResults: binary) { view throws(PostgresError) in
                var rows: [String] = []
                for row in 0..<view.rowCount {
                    let time = try view.timestamp(row, 0).map { String($0.timeIntervalSince1970.bitPattern) } ?? "NULL"
                    rows.append("\(time) \(String(describing: try view.int64(row, 1))) \(String(describing: try view.bool(row, 2))) "
                        + String(describing: try view.textArray(row, 3)))
                }
                return rows
            }
        }
        let text = try read(binary: false)
        #expect(text.count == 6)
        #expect(try read(binary: true) == text)
        #expect(text[0].hasPrefix(String((1_772_368_496.123456 as Double).bitPattern)))
    }

    @Test func aBinaryCellOfAnotherTypeNamesItsColumn() throws {
        let db = try TestDatabase.create().connect()
        try db.prepare(name: "view_bad_binary", sql: "SELECT 'soon'::text AS due, 7::int AS count")
        let errors = try db.run(prepared: "view_bad_binary", binaryResults: true) { view in
            func error(_ read: () throws(PostgresError) -> Void) -> PostgresError? {
                do { try read() } catch { return error }
                return nil
            }
            return [error { () throws(PostgresError) in _ = try view.timestamp(0, 0) },
                    error { () throws(PostgresError) in _ = try view.int64(0, 1) }]
        }
        #expect(errors.map { $0?.message } == ["column due: cannot read 4 binary bytes as timestamptz",
                                                "column count: cannot read 4 binary bytes as bigint"])
    }
}
