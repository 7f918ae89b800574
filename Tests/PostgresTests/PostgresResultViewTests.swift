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
}
