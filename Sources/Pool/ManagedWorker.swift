/// The master's private record of a worker it spawned (the shared scoreboard row is the
/// worker's public face; this holds what only the master decides).
struct ManagedWorker: Sendable, Hashable {
    var slot: Int
    var pid: Int32
    /// Config generation: bumped on every SIGHUP, so older workers are the ones to replace.
    var generation: UInt64
    var intent: WorkerIntent
    var spawnedAt: Double
    /// When the master last sent SIGTERM, so an idle worker that missed it gets another.
    var lastStopSignalAt: Double?
}
