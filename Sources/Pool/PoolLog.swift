import Logging

// TODO(merge): remove once DatabaseSession/PoolWorker use Logger
/// Forwards `PoolLog.event("slow_request", ["slot": "0"], level: "warning")` to the process's
/// `Logger` (LogfmtHandler), for the call sites not yet converted.
public enum PoolLog {
    static let logger = Logger(label: "worksupport.pool")

    public static func event(_ name: String, _ fields: KeyValuePairs<String, String> = [:],
                             level: String = "info") {
        var metadata = Logger.Metadata()
        for (key, value) in fields { metadata[key] = .string(value) }
        logger.log(level: Logger.Level(rawValue: level) ?? .info, "\(name)", metadata: metadata)
    }
}
