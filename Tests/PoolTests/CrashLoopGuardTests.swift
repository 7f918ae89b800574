import Pool
import Testing

@Suite struct CrashLoopGuardTests {
    let policy = CrashLoopGuard.Policy(threshold: 3, windowSeconds: 10, initialBackoffSeconds: 0.5,
                                       maxBackoffSeconds: 4)

    @Test func firstCrashIsRespawnedAtOnce() {
        var guardian = CrashLoopGuard(policy: policy)
        #expect(guardian.recordExit(abnormal: true, at: 100) == .respawnNow)
        #expect(!guardian.isTripped)
    }

    @Test func repeatedCrashesBackOffExponentially() {
        var guardian = CrashLoopGuard(policy: CrashLoopGuard.Policy(threshold: 100, windowSeconds: 10,
                                                                   initialBackoffSeconds: 0.5, maxBackoffSeconds: 4))
        _ = guardian.recordExit(abnormal: true, at: 100)
        #expect(guardian.recordExit(abnormal: true, at: 101) == .respawnAfter(seconds: 0.5, crashLoop: false))
        #expect(guardian.recordExit(abnormal: true, at: 102) == .respawnAfter(seconds: 1, crashLoop: false))
        #expect(guardian.recordExit(abnormal: true, at: 103) == .respawnAfter(seconds: 2, crashLoop: false))
        #expect(guardian.recordExit(abnormal: true, at: 104) == .respawnAfter(seconds: 4, crashLoop: false))
        #expect(guardian.recordExit(abnormal: true, at: 105) == .respawnAfter(seconds: 4, crashLoop: false))
    }

    @Test func thresholdCrashesInsideTheWindowTripTheGuard() {
        var guardian = CrashLoopGuard(policy: policy)
        _ = guardian.recordExit(abnormal: true, at: 100)
        _ = guardian.recordExit(abnormal: true, at: 101)
        #expect(guardian.recordExit(abnormal: true, at: 102) == .respawnAfter(seconds: 1, crashLoop: true))
        #expect(guardian.isTripped)
    }

    @Test func crashesSpreadBeyondTheWindowDoNotTrip() {
        var guardian = CrashLoopGuard(policy: policy)
        #expect(guardian.recordExit(abnormal: true, at: 100) == .respawnNow)
        #expect(guardian.recordExit(abnormal: true, at: 120) == .respawnNow)
        #expect(guardian.recordExit(abnormal: true, at: 140) == .respawnNow)
        #expect(!guardian.isTripped)
    }

    @Test func guardClearsOnceTheWindowPassesQuietly() {
        var guardian = CrashLoopGuard(policy: policy)
        for second in 0..<3 { _ = guardian.recordExit(abnormal: true, at: 100 + Double(second)) }
        #expect(guardian.isTripped)
        guardian.refresh(now: 113)
        #expect(!guardian.isTripped)
    }

    @Test func cleanExitResetsTheBackoff() {
        var guardian = CrashLoopGuard(policy: CrashLoopGuard.Policy(threshold: 100, windowSeconds: 10))
        _ = guardian.recordExit(abnormal: true, at: 100)
        _ = guardian.recordExit(abnormal: true, at: 101)
        #expect(guardian.recordExit(abnormal: false, at: 102) == .respawnNow)
        #expect(guardian.recordExit(abnormal: true, at: 103) == .respawnNow)
    }
}
