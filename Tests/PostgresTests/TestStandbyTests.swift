import Foundation
import Postgres
import TestKit
import Testing

/// The hot standby harness on its own, without the API: what a test reads on the standby after
/// `waitUntilReplayed` is what it committed on the primary, and the standby refuses writes.
@Suite struct TestStandbyTests {
    @Test func rowCommittedOnThePrimaryIsReadOnTheStandbyAfterReplay() throws {
        let database = try TestDatabase.create()
        let primary = try database.connect()
        try primary.execute("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)")
        try primary.query("INSERT INTO notes VALUES ($1, $2)", [1, "written on the primary"])

        let standby = try TestStandby(of: database)
        #expect(standby.url.hasSuffix(" dbname=\(database.name)"))
        #expect(standby.url != database.url)
        try standby.waitUntilReplayed()
        let replica = try standby.connect()
        #expect(try replica.query("SELECT pg_is_in_recovery() AS standby")[0].get("standby", as: Bool.self))
        let rows = try replica.query("SELECT id, body FROM notes")
        #expect(rows.count == 1)
        #expect(try rows.first?.get("body", as: String.self) == "written on the primary")
    }

    @Test func writeOnTheStandbyFailsAsReadOnlyAndIsLoggedUnderItsDatabase() throws {
        let database = try TestDatabase.create()
        try database.connect().execute("CREATE TABLE notes (id int PRIMARY KEY)")
        let standby = try TestStandby(of: database)
        try standby.waitUntilReplayed()
        let replica = try standby.connect()
        let logStart = try TestStandby.logEnd()
        do {
            try replica.query("INSERT INTO notes VALUES ($1)", [1])
            Issue.record("the standby accepted a write")
        } catch {
            #expect(error.sqlState == "25006", "read_only_sql_transaction: \(error)")
            #expect(error.message.contains("read-only transaction"), "\(error)")
        }
        // The server logs an error before it answers the client: the line is there already.
        let lines = try TestStandby.logLines(since: logStart, database: database.name)
        #expect(lines.contains { $0.contains("ERROR:  cannot execute INSERT in a read-only transaction") }, "\(lines)")
    }
}
