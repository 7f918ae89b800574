import Foundation
import Postgres
import TestKit
import Testing

@Suite struct PostgresCopyTests {
    @Test func copyLoadsTenThousandRowsWithEscapesAndNulls() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE bulk (id int PRIMARY KEY, name text, note text)")
        let rows: [[String?]] = (1...10_000).map { id in
            [String(id), "name \(id)\twith tab\nand newline \\ backslash é", id % 10 == 0 ? nil : "n\(id)"]
        }
        let copied = try db.copyIn("COPY bulk (id, name, note) FROM STDIN", rows: rows)
        #expect(copied == 10_000)
        let stats = try #require(db.query(
            "SELECT count(*) AS n, count(note) AS notes, sum(id)::bigint AS total FROM bulk").first)
        #expect(try stats.get("n") == 10_000)
        #expect(try stats.get("notes") == 9_000)
        #expect(try stats.get("total") == Int64(50_005_000))
        let sample = try #require(db.query("SELECT name FROM bulk WHERE id = $1", [1234]).first)
        #expect(try sample.get("name") == "name 1234\twith tab\nand newline \\ backslash é")
    }

    @Test func copyWithBadDataFailsWithSQLStateAndLeavesConnectionUsable() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE typed (n int)")
        do {
            try db.copyIn("COPY typed (n) FROM STDIN", rows: [["1"], ["not a number"]])
            Issue.record("expected the COPY to fail")
        } catch {
            #expect(error.sqlState == "22P02")
        }
        #expect(try db.query("SELECT count(*) AS n FROM typed").first?.get("n", as: Int.self) == 0)
    }
}
