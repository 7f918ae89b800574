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

    @Test func copyWithStatementsAroundItRunsAsOneQueryAndReturnsTheirResults() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE target (n int)")
        let results = try db.copyIn("COPY staged (n) FROM STDIN", rows: [["1"], ["2"], ["3"]],
                                    before: ["CREATE TEMP TABLE staged (n int) ON COMMIT DROP"],
                                    after: ["INSERT INTO target SELECT n * 10 FROM staged RETURNING n",
                                            "SELECT count(*) AS c FROM staged"])
        #expect(results.count == 2)
        #expect(try results[0].map { try $0.get("n", as: Int.self) }.sorted() == [10, 20, 30])
        #expect(try results[1].first?.get("c", as: Int.self) == 3)
        // One implicit transaction: the ON COMMIT DROP table is gone afterwards.
        #expect(try db.query("SELECT to_regclass('pg_temp.staged') IS NULL AS gone").first?.get("gone", as: Bool.self) == true)
    }

    @Test func failureAfterTheCopyUndoesTheWholeQuery() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE target (n int CHECK (n < 3))")
        do {
            _ = try db.copyIn("COPY target (n) FROM STDIN", rows: [["1"], ["2"]],
                              after: ["INSERT INTO target VALUES (5)"])
            Issue.record("expected the CHECK violation")
        } catch {
            #expect(error.sqlState == "23514")
        }
        #expect(try db.query("SELECT count(*) AS n FROM target").first?.get("n", as: Int.self) == 0)
        #expect(try db.query("SELECT 1 AS one").first?.get("one", as: Int.self) == 1, "the connection stays usable")
    }
}
