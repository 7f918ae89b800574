import Logging

// TODO(merge): remove once DatabaseSession/PoolWorker use Logger
/// Forwards DatabaseSession's hand-built lines (`worksupport-api: event=NAME key="value"`) to the
/// process's `Logger` (LogfmtHandler): NAME becomes the event and the rest one escaped `detail`
/// field, so a quote in a PostgreSQL message no longer breaks the line. Those lines carry no
/// level; database errors, outages and reconnections all matter to an operator: warning.
public enum StandardErrorLog {
    static let logger = Logger(label: "worksupport.api")

    public static func write(_ line: String) {
        guard let start = line.firstRange(of: "event=") else {
            return logger.warning("message", metadata: ["detail": "\(line)"])
        }
        let event = line[start.upperBound...].prefix { $0 != " " }
        let detail = line[event.endIndex...].drop { $0 == " " }
        logger.warning("\(event)", metadata: detail.isEmpty ? [:] : ["detail": "\(detail)"])
    }
}
