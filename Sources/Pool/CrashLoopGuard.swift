/// Decides when to respawn a worker that exited, and notices a crash loop: `threshold` abnormal
/// exits within `windowSeconds` (php-fpm's emergency_restart_threshold/interval).
///
/// Pure state machine: the caller passes the clock and acts on the returned decision.
public struct CrashLoopGuard: Sendable, Hashable {
    public struct Policy: Sendable, Hashable {
        public var threshold: Int
        public var windowSeconds: Double
        /// Delay before the second consecutive abnormal respawn; doubles from there.
        public var initialBackoffSeconds: Double
        public var maxBackoffSeconds: Double

        public init(threshold: Int = 5, windowSeconds: Double = 10, initialBackoffSeconds: Double = 0.25,
                    maxBackoffSeconds: Double = 30) {
            self.threshold = threshold
            self.windowSeconds = windowSeconds
            self.initialBackoffSeconds = initialBackoffSeconds
            self.maxBackoffSeconds = maxBackoffSeconds
        }
    }

    public enum Decision: Sendable, Hashable {
        case respawnNow
        /// Wait before respawning; `crashLoop` is true when the threshold was reached (log loudly).
        case respawnAfter(seconds: Double, crashLoop: Bool)
    }

    public let policy: Policy
    private var recentAbnormalExits: [Double] = []
    private var consecutiveAbnormalExits = 0
    /// True from the exit that reached the threshold until the window holds fewer exits again.
    public private(set) var isTripped = false

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// A worker exited; `abnormal` means crashed or killed by someone else than the master.
    public mutating func recordExit(abnormal: Bool, at now: Double) -> Decision {
        // A quiet window since the last crash means this one starts a fresh backoff series.
        if let last = recentAbnormalExits.last, now - last > policy.windowSeconds { consecutiveAbnormalExits = 0 }
        forgetOldExits(now: now)
        guard abnormal else {
            // A clean exit (recycling) proves the workers can run: start backoff from scratch.
            consecutiveAbnormalExits = 0
            return .respawnNow
        }
        recentAbnormalExits.append(now)
        consecutiveAbnormalExits += 1
        isTripped = recentAbnormalExits.count >= policy.threshold
        // One crash is respawned at once (a kill -9, a rare bug); repeats wait longer each time.
        guard consecutiveAbnormalExits > 1 else { return .respawnNow }
        return .respawnAfter(seconds: backoff(step: consecutiveAbnormalExits - 2), crashLoop: isTripped)
    }

    /// Re-evaluates `isTripped` as time passes without exits.
    public mutating func refresh(now: Double) {
        forgetOldExits(now: now)
        isTripped = recentAbnormalExits.count >= policy.threshold
    }

    private mutating func forgetOldExits(now: Double) {
        recentAbnormalExits.removeAll { now - $0 > policy.windowSeconds }
    }

    private func backoff(step: Int) -> Double {
        var delay = policy.initialBackoffSeconds
        for _ in 0..<min(step, 30) { delay *= 2 }
        return min(delay, policy.maxBackoffSeconds)
    }
}
