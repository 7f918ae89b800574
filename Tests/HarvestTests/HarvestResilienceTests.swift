import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import TestKit
import Testing
import WorkSupportStore

/// Upstream faults, the single-harvester lock, and runs killed mid-reload.
@Suite struct HarvestResilienceTests {
    @Test func injectedServerErrorsAndRateLimitsChangeNothingInTheResult() throws {
        var faults = FaultPlan()
        faults.seed = 42
        faults.errorRate = 0.2
        faults.tooManyRequestsRate = 0.1
        let fixture = try HarvestFixture(faults: faults)
        let report = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
        #expect(report.status == .completed, "\(report)")
        #expect(try fixture.differencesFromManifest().isEmpty)
        #expect(report.retries > 0)
        let audit = try #require(try fixture.database.connect()
            .query("SELECT requests, retries FROM harvest_runs WHERE id = $1", [report.runID!]).first)
        #expect(try audit.get("retries", as: Int.self) == report.retries, "retries are in the audit")
        #expect(try audit.get("requests", as: Int.self) == report.requests)
    }

    @Test func retryAfterIsHonoured() throws {
        var faults = FaultPlan()
        faults.scheduled = [1: .tooManyRequests]
        faults.retryAfterSeconds = 7
        let fixture = try HarvestFixture(faults: faults)
        let report = try fixture.harvest()
        #expect(report.status == .completed)
        #expect(fixture.waits.all.contains(7), "waited \(fixture.waits.all)")
    }

    @Test func persistentFailureEndsPartialWithTheReasonRecorded() throws {
        var faults = FaultPlan()
        faults.errorRate = 1.0
        faults.scope = .github
        let fixture = try HarvestFixture(faults: faults)
        let report = try fixture.harvest()
        #expect(report.status == .partial)
        #expect(report.exitCode == 1)
        let errors = try fixture.database.connect().query(
            "SELECT source, reason, attempts FROM harvest_errors WHERE run_id = $1", [report.runID!])
        #expect(errors.count > 0)
        #expect(try errors[0].get("source", as: String.self) == "github")
        #expect(try errors[0].get("attempts", as: Int.self) == fixture.config.harvest.maxAttempts)
        let jira = try fixture.storedIssues().values.filter { $0["source"] == "jira" }.count
        #expect(jira > 0, "Jira was harvested although GitHub failed")
    }

    @Test func secondHarvesterExitsWhileTheFirstHoldsTheLock() throws {
        let fixture = try HarvestFixture()
        let holder = try fixture.database.connect()
        try holder.query("SELECT pg_advisory_lock($1)", [Int64(0x5753_4841_5256)])
        let report = try fixture.harvest()
        #expect(report.runID == nil)
        #expect(report.exitCode == 0)
        #expect(report.message?.contains("another harvester") == true)
        let runs: Int = try holder.query("SELECT count(*) AS n FROM harvest_runs")[0].get("n")
        #expect(runs == 0)
    }

    @Test func firstRunIsAFullReloadAndAnInterruptedStaleReloadStartsAnAutomaticOne() throws {
        let fixture = try HarvestFixture()
        let first = try fixture.harvest()
        #expect(first.fullReload, "no reload ever completed: the first harvest is a full one")
        let second = try fixture.harvest()
        #expect(!second.fullReload)
        let db = try fixture.database.connect()
        // The last completed reload is older than harvest.interval_hours, and a reload was killed.
        try db.query("""
            UPDATE harvest_runs SET started_at = now() - interval '3 hours', finished_at = now() - interval '3 hours'
            WHERE full_reload
            """)
        try db.query("INSERT INTO harvest_runs (kind, full_reload, status, host, pid) VALUES ('manual', true, 'running', 'elsewhere', 1)")
        let third = try fixture.harvest()
        #expect(third.fullReload)
        let kind: String = try db.query("SELECT kind FROM harvest_runs WHERE id = $1", [third.runID!])[0].get("kind")
        #expect(kind == "automatic")
        let interrupted: Int = try db.query(
            "SELECT count(*) AS n FROM harvest_runs WHERE status = 'failed' AND error_message = 'interrupted'")[0].get("n")
        #expect(interrupted == 1)
        let fourth = try fixture.harvest()
        #expect(!fourth.fullReload, "a fresh completed reload: back to incremental runs")
    }

    @Test func reloadKilledAtRandomMomentsLeavesLiveDataUnchangedAndNextRunRecovers() throws {
        let fixture = try HarvestFixture(issues: 1500)
        _ = try fixture.harvest()
        let live = try fixture.liveChecksum()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harvest-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("worksupport.properties").path
        try fixture.properties.write(toFile: config, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment.merging(HarvestFixture.environment) { _, new in new }
        environment["WORKSUPPORT_DATABASE_URL"] = fixture.database.url

        var generator = SplitMix(seed: 2026)
        let kills = 20
        for _ in 0..<kills {
            let process = Process()
            process.executableURL = CommandRunner.productsDirectory.appendingPathComponent("worksupport-harvest")
            process.arguments = ["--config", config, "--full", "--progress", "never"]
            process.environment = environment
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(generator.next() % 900_000))  // a random moment inside the reload
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try fixture.liveChecksum() == live, "a killed reload never changes live data")
        }
        let db = try fixture.database.connect()
        // The last killed harvester's backend can outlive it for a moment, still holding the
        // harvest lock; a harvest started then skips (another harvester holds the lock).
        let lockFree = try Deadline.poll(seconds: 30) {
            let held: Int = try db.query("""
                SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)[0].get("n")
            return held == 0
        }
        #expect(lockFree)
        let recovered = try fixture.harvest()
        #expect(recovered.status == .completed)
        #expect(recovered.runID != nil, "the recovering harvest ran (it did not skip)")
        let running: Int = try db.query("SELECT count(*) AS n FROM harvest_runs WHERE status = 'running'")[0].get("n")
        let staging: Int = try db.query("SELECT count(*) AS n FROM issues_staging")[0].get("n")
        #expect(running == 0)
        #expect(staging == 0)
        #expect(try fixture.liveChecksum() == live)
    }
}

