import ArgumentParser
import FoundationEssentials
import Glibc
import API
import Logfmt
import Logging
import Pool
import WorkSupportCore
import WorkSupportVersion

/// `worksupport-api`: the FastCGI pool master, or, when started by the master with
/// WORKSUPPORT_POOL_WORKER set, one of its workers (same binary, same arguments).
@main
struct WorkSupportAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksupport-api",
        abstract: "FastCGI worker pool serving the WorkSupport REST API behind nginx.",
        discussion: """
            Listens on --socket or --listen; without either, on a systemd-activated socket, on fd 0 \
            when it is a listening socket, else on api.socket from the config. Signals: SIGTERM drains \
            and exits, SIGHUP re-reads the config and replaces the workers one by one.
            """,
        version: workSupportVersion)

    /// Master and workers alike (each worker is this binary again) log through the logfmt handler.
    static func main() {
        LogfmtHandler.bootstrap()
        main(nil)
    }

    @Option(name: .long, help: ArgumentHelp("Properties file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Listen on this unix socket path.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("Listen on TCP HOST:PORT.", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: "Worker processes (default: api.workers, else one per core).")
    var workers: Int?

    @Option(name: .customLong("max-requests"), help: "Recycle a worker after this many requests.")
    var maxRequests: Int?

    @Option(name: .customLong("request-timeout"), help: "Kill a request running longer (seconds).")
    var requestTimeout: Int?

    @Option(name: .customLong("slowlog-ms"), help: "Log requests slower than this (milliseconds; 0: off).")
    var slowlogMs: Int?

    @Flag(name: .customLong("openapi"), help: "Print the OpenAPI document the API serves, and exit.")
    var printOpenAPI = false

    func validate() throws {
        if socket != nil && listen != nil { throw ValidationError("give --socket or --listen, not both") }
        if let listen, PoolListenAddress.tcp(parsing: listen) == nil {
            throw ValidationError("--listen '\(listen)': expected HOST:PORT with a port in 1...65535")
        }
        for (name, value) in [("--workers", workers), ("--max-requests", maxRequests),
                              ("--request-timeout", requestTimeout)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        if let workers, workers > 256 { throw ValidationError("--workers must be at most 256") }
        if let slowlogMs, slowlogMs < 0 { throw ValidationError("--slowlog-ms must not be negative") }
    }

    func run() throws {
        if printOpenAPI {
            _ = OpenAPIDocument.text.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            return
        }
        let logger = Logger(label: "worksupport.api")
        do {
            if let worker = try PoolWorkerEnvironment.fromProcess() {
                throw ExitCode(try runWorker(worker))
            }
            throw ExitCode(try runMaster(logger: logger))
        } catch let error as ExitCode {
            throw error
        } catch let error as APIStartupError {
            logger.error("startup_failed", metadata: ["error": "\(error.message)"])
            Self.printForUser("worksupport-api: \(error.message)")
            throw ExitCode(error.exitCode)
        } catch {
            Self.printForUser("worksupport-api: \(error)")
            throw ExitCode.failure
        }
    }

    /// A message for whoever started the command (not a log line), as the CLI prints its errors.
    static func printForUser(_ message: String) {
        LogfmtHandler.writeToStandardError(Array((message + "\n").utf8))
    }

    private func runMaster(logger: Logger) throws -> Int32 {
        let loaded = try loadConfig()
        let address = listenAddress(config: loaded)
        let notifier = SystemdNotifier.fromEnvironment()
        let fd: Int32
        do {
            fd = try address.open()
        } catch {
            throw APIStartupError(message: error.description, exitCode: 1)
        }
        let master = try PoolMaster(
            settings: poolSettings(loaded), listenFD: fd, ownedSocketPath: address.ownedSocketPath,
            arguments: CommandLine.arguments, notifier: notifier,
            reloadSettings: { try poolSettings(loadConfig()) })
        logger.info("listening", metadata: ["address": "\(address.description)"])
        return master.run()
    }

    private func runWorker(_ environment: PoolWorkerEnvironment) throws -> Int32 {
        let loaded = try loadConfig()
        let settings = PoolWorkerSettings(maxRequests: maxRequests ?? loaded.api.maxRequests,
                                          slowlogMilliseconds: slowlogMs ?? loaded.api.slowlogMilliseconds)
        let worker = try PoolWorker(environment: environment, settings: settings)
        let handler = try makeRequestHandler(config: loaded, pool: worker.context)
        let responder = APIResponder(handler: handler, maxBodyBytes: loaded.api.maxBodyBytes)
        return worker.run(responder: responder)
    }
}
