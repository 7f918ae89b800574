#if canImport(Glibc)
import Glibc
#endif
import JSON
import Synchronization

/// One API request as the log records it (control requests under `/_sim/` are not logged).
public struct RequestLogEntry: Sendable, Equatable {
    public var sequence: Int
    public var api: String
    public var method: String
    public var path: String
    public var query: String
    public var body: String
    public var status: Int
    public var milliseconds: Double
    public var fault: String?

    public var jsonValue: JSONValue {
        ["seq": .int(Int64(sequence)), "api": .string(api), "method": .string(method), "path": .string(path),
         "query": .string(query), "body": .string(body), "status": .int(Int64(status)),
         "ms": .double((milliseconds * 1000).rounded() / 1000), "fault": fault.map(JSONValue.string) ?? .null]
    }
}

/// The in-memory request log, mirrored as JSONL to a file when one is given.
public final class RequestLog: Sendable {
    private struct State {
        var entries: [RequestLogEntry] = []
        var nextSequence = 1
        /// `FILE *`, kept as an address so that the state stays Sendable; owned by this log.
        var file: UInt?
    }

    private let state: Mutex<State>
    /// Bodies longer than this are cut in the log (search bodies are small; issue edits too).
    static let maxBodyCharacters = 16_384

    public init(path: String? = nil) throws(SimDataError) {
        var initial = State()
        if let path {
            guard let handle = fopen(path, "a") else { throw SimDataError("cannot open request log \(path)") }
            initial.file = UInt(bitPattern: handle)
        }
        state = Mutex(initial)
    }

    deinit {
        state.withLock { state in
            if let address = state.file, let handle = UnsafeMutablePointer<FILE>(bitPattern: address) { fclose(handle) }
        }
    }

    @discardableResult
    public func record(api: String, method: String, path: String, query: String, body: [UInt8], status: Int,
                       milliseconds: Double, fault: String?) -> Int {
        var text = String(decoding: body.prefix(Self.maxBodyCharacters), as: UTF8.self)
        if body.count > Self.maxBodyCharacters { text += "…" }
        return state.withLock { state in
            var entry = RequestLogEntry(sequence: state.nextSequence, api: api, method: method, path: path, query: query,
                                        body: text, status: status, milliseconds: milliseconds, fault: fault)
            entry.sequence = state.nextSequence
            state.nextSequence += 1
            state.entries.append(entry)
            if let address = state.file, let handle = UnsafeMutablePointer<FILE>(bitPattern: address) {
                let line = entry.jsonValue.serializedString(sortedKeys: true) + "\n"
                fputs(line, handle)
                fflush(handle)
            }
            return entry.sequence
        }
    }

    public func entries(since sequence: Int = 0) -> [RequestLogEntry] {
        state.withLock { state in state.entries.filter { $0.sequence > sequence } }
    }

    public func clear() {
        state.withLock { $0.entries.removeAll() }
    }
}
