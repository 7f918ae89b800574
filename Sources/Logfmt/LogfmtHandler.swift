#if canImport(Glibc)
import Glibc
#endif
import Logging

/// The log handler of every WorkSupport program: each event becomes one logfmt line,
/// `level=error event=reload_failed error="…"`, written to stderr (the journal under systemd) in
/// one write(2), so the lines of the pool's worker processes never interleave.
///
/// The message is the event's name and the metadata its fields. The label is not printed: one
/// process is one program, and the journal names it.
public struct LogfmtHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// Receives each finished line; tests pass their own to read lines without stderr.
    let sink: @Sendable ([UInt8]) -> Void

    public init(label: String, level: Logger.Level = .info,
                metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
                sink: @escaping @Sendable ([UInt8]) -> Void = LogfmtHandler.writeToStandardError) {
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Fields: the handler's metadata, then the provider's, then the call's (later ones win a
    /// shared key), and `error` when the call passed one.
    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            fields.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata { fields.merge(explicit) { _, explicit in explicit } }
        if let error = event.error, fields["error"] == nil { fields["error"] = "\(error)" }
        sink(Self.line(level: event.level, event: event.message.description, metadata: fields))
    }

    /// The whole line in one write(2); a short write (a line past the pipe's atomic size, a
    /// signal) goes on from where it stopped.
    public static func writeToStandardError(_ line: [UInt8]) {
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
