@testable import Pool
import Testing

@Suite struct WorkerExitTests {
    // waitpid statuses: exit code in bits 8-15, terminating signal in bits 0-6.
    @Test func cleanExitOfAServingWorkerIsRecycling() {
        #expect(WorkerExit.classify(waitStatus: 0, intent: .serve) == .recycled)
    }

    @Test func nonZeroExitIsACrash() {
        #expect(WorkerExit.classify(waitStatus: 70 << 8, intent: .serve) == .crashed(exitStatus: 70, signal: nil))
    }

    @Test func foreignSignalIsACrash() {
        let exit = WorkerExit.classify(waitStatus: 9, intent: .serve)
        #expect(exit == .crashed(exitStatus: nil, signal: 9))
        #expect(exit.isAbnormal)
    }

    @Test func masterKillForTimeoutIsNotACrash() {
        let exit = WorkerExit.classify(waitStatus: 9, intent: .timeoutKill)
        #expect(exit == .timedOut)
        #expect(!exit.isAbnormal)
    }

    @Test func requestedStopIsAStopWhateverTheStatus() {
        #expect(WorkerExit.classify(waitStatus: 15, intent: .stop) == .stopped)
    }
}
