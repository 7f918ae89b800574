#if canImport(Glibc)
import Glibc
#endif

/// What the master tells a worker it spawns, through environment variables: which slot it
/// owns and which inherited descriptors are the listening socket and the scoreboard.
public struct PoolWorkerEnvironment: Sendable, Hashable {
    static let slotVariable = "WORKSUPPORT_POOL_WORKER"
    static let listenFDVariable = "WORKSUPPORT_POOL_LISTEN_FD"
    static let scoreboardFDVariable = "WORKSUPPORT_POOL_SCOREBOARD_FD"
    static let masterPIDVariable = "WORKSUPPORT_POOL_MASTER_PID"
    static let all = [slotVariable, listenFDVariable, scoreboardFDVariable, masterPIDVariable]

    public var slot: Int
    public var listenFD: Int32
    public var scoreboardFD: Int32
    public var masterPID: Int32

    /// Nil when this process is not a pool worker (the variable is absent).
    public static func fromProcess() throws(PoolError) -> PoolWorkerEnvironment? {
        guard let slotText = value(slotVariable) else { return nil }
        guard let slot = Int(slotText), slot >= 0,
              let listenFD = value(listenFDVariable).flatMap(Int32.init),
              let scoreboardFD = value(scoreboardFDVariable).flatMap(Int32.init),
              let masterPID = value(masterPIDVariable).flatMap(Int32.init) else {
            throw PoolError(code: .invalidWorkerEnvironment,
                            context: "\(slotVariable) is set but the pool's other variables are missing or invalid")
        }
        return PoolWorkerEnvironment(slot: slot, listenFD: listenFD, scoreboardFD: scoreboardFD, masterPID: masterPID)
    }

    var variables: [(String, String)] {
        [(Self.slotVariable, String(slot)), (Self.listenFDVariable, String(listenFD)),
         (Self.scoreboardFDVariable, String(scoreboardFD)), (Self.masterPIDVariable, String(masterPID))]
    }

    private static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
