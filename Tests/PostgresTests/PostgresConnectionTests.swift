import Foundation
import Postgres
import TestKit
import Testing

@Suite struct PostgresConnectionTests {
    @Test func serverErrorCarriesSQLStateAndConstraint() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE k (id int CONSTRAINT k_pkey PRIMARY KEY)")
        try db.query("INSERT INTO k VALUES ($1)", [1])
        do {
            try db.query("INSERT INTO k VALUES ($1)", [1])
            Issue.record("expected a unique violation")
        } catch {
            #expect(error.code == .server)
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(error.constraint == "k_pkey")
            #expect(error.description.hasPrefix("SQLSTATE 23505: duplicate key value"))
        }
        // The connection stays usable after a statement error.
        #expect(try db.query("SELECT count(*) AS n FROM k").first?.get("n", as: Int.self) == 1)
    }

    @Test func affectedRowsComeFromTheCommandTag() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE n (v int)")
        let inserted = try db.query("INSERT INTO n SELECT generate_series(1, $1::int)", [7])
        #expect(inserted.affectedRows == 7)
        let updated = try db.query("UPDATE n SET v = v + 1 WHERE v > $1", [4])
        #expect(updated.affectedRows == 3)
    }

    @Test func preparedStatementRunsRepeatedly() throws {
        let db = try TestDatabase.create().connect()
        try db.prepare(name: "double", sql: "SELECT $1::int * 2 AS v")
        for n in [1, 5, 21] {
            #expect(try db.run(prepared: "double", [n]).first?.get("v", as: Int.self) == n * 2)
        }
    }

    @Test func transactionCommitsOnSuccessAndRollsBackOnError() throws {
        let db = try TestDatabase.create().connect()
        try db.execute("CREATE TABLE tx (v int)")
        try db.transaction { try $0.query("INSERT INTO tx VALUES ($1)", [1]) }
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.transaction { conn in
                try conn.query("INSERT INTO tx VALUES ($1)", [2])
                throw Abort()
            }
        }
        let values = try db.query("SELECT v FROM tx ORDER BY v").map { try $0.get("v", as: Int.self) }
        #expect(values == [1])
    }

    @Test func droppedConnectionIsReportedThenReconnectedWithPreparedStatements() throws {
        let database = try TestDatabase.create()
        let db = try database.connect()
        try db.prepare(name: "one", sql: "SELECT 1 AS v")
        let pid: Int = try #require(db.query("SELECT pg_backend_pid() AS pid").first).get("pid")
        let admin = try database.connect()
        try admin.query("SELECT pg_terminate_backend($1)", [pid])

        do {
            try db.query("SELECT 1")
            Issue.record("expected the killed connection to fail")
        } catch {
            #expect(error.code == .connectionLost)
        }
        // The next call reconnects, and the prepared statement is prepared again on the new session.
        #expect(try db.run(prepared: "one").first?.get("v", as: Int.self) == 1)
        let newPid: Int = try #require(db.query("SELECT pg_backend_pid() AS pid").first).get("pid")
        #expect(newPid != pid)
        #expect(db.isConnected)
    }

    @Test func sessionObjectCreatedInARolledBackTransactionIsForgotten() throws {
        struct Abort: Error {}
        let db = try TestDatabase.create().connect()
        _ = try? db.transaction { db in
            try db.execute("CREATE TEMP TABLE scratch (n int)")
            db.noteSessionObject("scratch")
            #expect(db.hasSessionObject("scratch"), "it exists inside its own transaction")
            throw Abort()
        }
        #expect(!db.hasSessionObject("scratch"))
        try db.transaction { db in
            try db.execute("CREATE TEMP TABLE scratch (n int)")
            db.noteSessionObject("scratch")
        }
        #expect(db.hasSessionObject("scratch"), "kept once its transaction committed")
    }

    @Test func sessionObjectCreatedOutsideATransactionLastsUntilAReconnect() throws {
        let database = try TestDatabase.create()
        let db = try database.connect()
        try db.execute("CREATE TEMP TABLE scratch (n int)")
        db.noteSessionObject("scratch")
        #expect(db.hasSessionObject("scratch"))
        let pid: Int = try #require(db.query("SELECT pg_backend_pid() AS pid").first).get("pid")
        try database.connect().query("SELECT pg_terminate_backend($1)", [pid])
        _ = try? db.query("SELECT 1")
        try db.reconnectIfNeeded()
        #expect(!db.hasSessionObject("scratch"), "a new server session has no temp tables")
    }

    @Test func unreachableServerFailsWithOneLineConnectionError() throws {
        do {
            _ = try PostgresConnection(url: "host=/nonexistent/socket/dir port=5432 dbname=x connect_timeout=2")
            Issue.record("expected a connection failure")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("/nonexistent/socket/dir"))
        }
    }

    @Test func sessionRunsInUTC() throws {
        let db = try TestDatabase.create().connect()
        let row = try #require(db.query("SELECT current_setting('TimeZone') AS tz, '2026-01-02 03:04:05+02'::timestamptz::text AS ts").first)
        #expect(try row.get("tz") == "UTC")
        #expect(try row.get("ts") == "2026-01-02 01:04:05+00")
    }
}
