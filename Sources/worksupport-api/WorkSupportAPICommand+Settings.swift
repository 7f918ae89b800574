import FoundationEssentials
import Glibc
import Pool
import WorkSupportCore
import WorkSupportStore

/// Config file + command-line overrides → what the master and the workers run with.
extension WorkSupportAPICommand {
    /// EX_CONFIG from sysexits.h: systemd and scripts can tell a bad config from a crash.
    static let configErrorExit: Int32 = 78

    func loadConfig() throws(APIStartupError) -> WorkSupportConfig {
        do {
            return try ConfigFile.load(explicitPath: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw APIStartupError(message: error.description, exitCode: Self.configErrorExit)
        }
    }

    func poolSettings(_ loaded: WorkSupportConfig) -> PoolSettings {
        let configured = loaded.api.workers == APIConfig.workersPerCore ? nil : loaded.api.workers
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return PoolSettings(workers: workers ?? configured ?? cores,
                            requestTimeoutSeconds: requestTimeout ?? loaded.api.requestTimeoutSeconds)
    }

    /// Explicit flags first, then a socket systemd or a spawner handed over, then the config.
    func listenAddress(config loaded: WorkSupportConfig) -> PoolListenAddress {
        if let socket { return .unix(path: socket) }
        if let listen, let tcp = PoolListenAddress.tcp(parsing: listen) { return tcp }
        if let activated = PoolListenAddress.fromSystemd(environment: ProcessInfo.processInfo.environment) {
            return activated
        }
        if let inherited = PoolListenAddress.fromStandardInput() { return inherited }
        return .unix(path: loaded.api.socketPath)
    }
}

/// A startup failure reported as one line, with the exit status to use.
struct APIStartupError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32
    var description: String { message }
}
