@testable import Pool
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ScoreboardTests {
    @Test func counterTotalsSumEveryWorker() throws {
        let board = try Scoreboard(slotCapacity: 4, counterCount: 8)
        board.claim(0, pid: 100, generation: 1)
        board.claim(1, pid: 101, generation: 1)
        board.slot(0).counter(3).addSingleWriter(2)
        board.slot(1).counter(3).addSingleWriter(5)
        board.slot(1).counter(7).addSingleWriter(1)
        #expect(board.counterTotals() == [0, 0, 0, 7, 0, 0, 0, 1])
    }

    @Test func retiringAWorkerKeepsItsCountsInTheTotals() throws {
        let board = try Scoreboard(slotCapacity: 2, counterCount: 4)
        board.claim(0, pid: 100, generation: 1)
        board.slot(0).counter(1).addSingleWriter(9)
        board.slot(0).word(.requests).store(12)
        board.retire(0)
        #expect(board.slot(0).pid == 0)
        #expect(board.counterTotals() == [0, 9, 0, 0])
        #expect(board.totalRequests() == 12)
    }

    @Test func aRespawnedSlotStartsFromZeroWhileTotalsKeepGrowing() throws {
        let board = try Scoreboard(slotCapacity: 1, counterCount: 2)
        board.claim(0, pid: 100, generation: 1)
        board.slot(0).counter(0).addSingleWriter(3)
        board.retire(0)
        board.claim(0, pid: 200, generation: 1)
        #expect(board.slot(0).counter(0).load() == 0)
        board.slot(0).counter(0).addSingleWriter(1)
        #expect(board.counterTotals() == [4, 0])
    }

    @Test func workerContextAddsToItsOwnSlot() throws {
        let context = try PoolWorkerContext.standalone(counterCount: 4)
        context.addCounter(index: 2, value: 3)
        context.addCounter(index: 2)
        context.addCounter(index: 99)  // out of range: ignored
        #expect(context.counterTotals() == [0, 0, 4, 0])
    }

    @Test func snapshotReportsBusyWorkerWithItsRequest() throws {
        let board = try Scoreboard(slotCapacity: 3, counterCount: 1)
        board.claim(0, pid: 100, generation: 1)
        board.claim(2, pid: 102, generation: 1)
        board.slot(0).setState(.idle)
        board.slot(2).recordRequest(method: "GET", uri: "/api/issues/keys?source=jira")
        board.slot(2).word(.requestStartMonotonicMicros).store(PoolClock.monotonicMicros())
        board.slot(2).setState(.busy)
        let snapshot = board.statusSnapshot()
        #expect(snapshot.totalWorkers == 2)
        #expect(snapshot.idleWorkers == 1)
        #expect(snapshot.activeWorkers == 1)
        let busy = try #require(snapshot.workers.first { $0.pid == 102 })
        #expect(busy.slot == 2)
        #expect(busy.requestURI == "/api/issues/keys?source=jira")
        #expect(busy.currentRequestMilliseconds != nil)
    }

    @Test func longURIsAreTruncatedToTheSlotCapacity() throws {
        let board = try Scoreboard(slotCapacity: 1, counterCount: 1)
        board.slot(0).recordRequest(method: "GET", uri: "/" + String(repeating: "a", count: 1000))
        #expect(board.slot(0).uri.utf8.count == ScoreboardLayout.uriCapacity)
    }

    @Test func attachingToANonScoreboardFileFails() throws {
        let region = try SharedMemoryRegion(creatingSize: 8192)
        #expect(throws: PoolError.self) { try Scoreboard(attachingFD: dup(region.fd)) }
    }
}
