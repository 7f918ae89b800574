import Foundation
import Postgres
import Testing
import WorkSupportStore

@Suite struct ReloadStoreTests {
    typealias F = IssueStoreFixtures

    @Test func twoHarvestersClaimingOneRequestOnlyOneGetsIt() throws {
        let f = try F()
        let queued = try ReloadStore(connection: f.db).enqueue(requestedBy: "api")
        let runA = try f.startRun(fullReload: true), runB = try f.startRun(fullReload: true)
        let other = try f.database.connect()
        let (first, second) = try f.db.transaction { connection in
            // A holds its claim uncommitted while B tries: SKIP LOCKED passes over it at once.
            let first = try ReloadStore(connection: connection).claimQueued(runID: runA)
            let second = try ReloadStore(connection: other).claimQueued(runID: runB)
            return (first, second)
        }
        #expect(first?.id == queued.id)
        #expect(first?.status == .running)
        #expect(first?.runID == runA)
        #expect(second == nil)
    }

    @Test func nothingIsClaimedWhileAReloadRuns() throws {
        let f = try F()
        let store = ReloadStore(connection: f.db)
        _ = try store.enqueue(requestedBy: "a")
        let waiting = try store.enqueue(requestedBy: "b")
        _ = try store.claimQueued(runID: try f.startRun(fullReload: true))
        #expect(try store.claimQueued(runID: try f.startRun(fullReload: true)) == nil)
        #expect(try store.request(id: waiting.id)?.status == .queued)
    }

    @Test func oldestQueuedRequestIsClaimedFirst() throws {
        let f = try F()
        let store = ReloadStore(connection: f.db)
        let first = try store.enqueue(requestedBy: "a")
        _ = try store.enqueue(requestedBy: "b")
        #expect(try store.claimQueued(runID: try f.startRun())?.id == first.id)
    }

    @Test func completedRequestKeepsItsCounts() throws {
        let f = try F()
        let store = ReloadStore(connection: f.db)
        let request = try store.enqueue(requestedBy: "api")
        _ = try store.claimQueued(runID: try f.startRun(fullReload: true))
        #expect(try store.complete(id: request.id, recordsProcessed: 120, issuesDeleted: 4))
        let after = try store.request(id: request.id)
        #expect(after?.status == .completed)
        #expect(after?.recordsProcessed == 120)
        #expect(after?.issuesDeleted == 4)
        #expect(after?.completedAt != nil)
        #expect(try store.complete(id: request.id, recordsProcessed: 1, issuesDeleted: 1) == false)
    }

    @Test func failedRequestKeepsTheMessageAndFreesTheQueue() throws {
        let f = try F()
        let store = ReloadStore(connection: f.db)
        let request = try store.enqueue(requestedBy: "api")
        let next = try store.enqueue(requestedBy: "api")
        _ = try store.claimQueued(runID: try f.startRun(fullReload: true))
        #expect(try store.fail(id: request.id, message: "jira unreachable"))
        #expect(try store.request(id: request.id)?.errorMessage == "jira unreachable")
        #expect(try store.claimQueued(runID: try f.startRun(fullReload: true))?.id == next.id)
    }
}
