import Foundation

/// Keeps `connections` threads sending one request after another until stopped, and counts
/// what came back: statuses, and transport failures (connection reset, no response).
public final class LoadGenerator: @unchecked Sendable {
    public struct Outcome: Sendable {
        public var statuses: [Int: Int] = [:]
        public var failures: [String] = []
        public var total: Int { statuses.values.reduce(0, +) + failures.count }
        /// Anything other than 200, counted.
        public var nonOK: Int { statuses.filter { $0.key != 200 }.values.reduce(0, +) + failures.count }
    }

    private let lock = NSLock()
    private var outcome = Outcome()
    private var running = true
    private let finished = DispatchGroup()

    public init(client: HTTPTestClient, target: String, connections: Int = 4) {
        for _ in 0..<connections {
            finished.enter()
            Thread { [self] in
                while isRunning {
                    do {
                        let response = try client.get(target)
                        record { $0.statuses[response.status, default: 0] += 1 }
                    } catch {
                        record { $0.failures.append(String(describing: error)) }
                    }
                }
                finished.leave()
            }.start()
        }
    }

    private var isRunning: Bool { lock.withLock { running } }
    private func record(_ change: (inout Outcome) -> Void) { lock.withLock { change(&outcome) } }

    /// Requests answered so far.
    public var count: Int { lock.withLock { outcome.total } }

    /// Stops the threads and returns what they saw.
    public func stop() -> Outcome {
        lock.withLock { running = false }
        finished.wait()
        return lock.withLock { outcome }
    }
}
