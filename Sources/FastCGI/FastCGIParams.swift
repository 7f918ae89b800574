#if canImport(Glibc)
import Glibc
#endif

/// The CGI parameters of one request (REQUEST_METHOD, REQUEST_URI, HTTP_*, …), copied out of
/// libfcgi (whose strings die at Finish) into one buffer. A `String` is made only for a
/// parameter that is asked for: building a dictionary of all ~25 of them, hashing each name, was
/// a sixth of a worker's time per request.
public struct FastCGIParams: Sendable {
    /// "NAME=value" entries back to back, without terminators.
    private let bytes: [UInt8]
    /// Where each entry's `=` and its end are in `bytes`; it starts where the previous one ended.
    private let bounds: [(equals: Int32, end: Int32)]

    /// From libfcgi's NULL-terminated `envp`; entries without `=` are skipped.
    init(envp: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) {
        var bytes: [UInt8] = []
        var bounds: [(equals: Int32, end: Int32)] = []
        if var entry = envp {
            // Below glibc's fast-bin limit, so the allocation never makes malloc consolidate its
            // fast bins; nginx's parameters fit in it.
            bytes.reserveCapacity(960)
            bounds.reserveCapacity(32)
            while let cString = entry.pointee {
                entry += 1
                let start = UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self)
                let text = UnsafeBufferPointer(start: start, count: strlen(cString))
                guard let equals = text.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let base = bytes.count
                bytes.append(contentsOf: text)
                bounds.append((Int32(base + equals), Int32(bytes.count)))
            }
        }
        self.bytes = bytes
        self.bounds = bounds
    }

    /// In the order the web server sent them (tests build requests this way).
    public init(_ pairs: [(String, String)]) {
        var bytes: [UInt8] = []
        var bounds: [(equals: Int32, end: Int32)] = []
        for (name, value) in pairs {
            bytes.append(contentsOf: name.utf8)
            let equals = bytes.count
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: value.utf8)
            bounds.append((Int32(equals), Int32(bytes.count)))
        }
        self.bytes = bytes
        self.bounds = bounds
    }

    public var count: Int { bounds.count }

    /// The value of `name`, or nil. Should it come twice, the last one: a later `fastcgi_param`
    /// in nginx's configuration overrides an earlier one.
    public subscript(name: String) -> String? {
        var name = name
        return name.withUTF8 { wanted in
            var found: String?
            forEach { parameter, value in
                guard parameter.count == wanted.count, parameter.elementsEqual(wanted) else { return }
                found = String(decoding: value, as: UTF8.self)
            }
            return found
        }
    }

    /// Calls `body` with each parameter's name and value as bytes (valid only during the call),
    /// in the order the web server sent them. One pass over all of them is how a request is
    /// read: looking names up one by one compared every name each time (with `memcmp`, a fifth
    /// of a worker's time on /health).
    public func forEach(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (equals, end) in bounds {
                body(UnsafeBufferPointer(rebasing: all[start..<Int(equals)]),
                     UnsafeBufferPointer(rebasing: all[(Int(equals) + 1)..<Int(end)]))
                start = Int(end)
            }
        }
    }

    /// Whether `name` is exactly `expected` (compared in line: these names are a few bytes).
    @inlinable
    public static func name(_ name: UnsafeBufferPointer<UInt8>, is expected: StaticString) -> Bool {
        name.count == expected.utf8CodeUnitCount && Self.name(name, hasPrefix: expected)
    }

    @inlinable
    public static func name(_ name: UnsafeBufferPointer<UInt8>, hasPrefix prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard name.count >= count else { return false }
        let start = prefix.utf8Start
        for index in 0..<count where name[index] != start[index] { return false }
        return true
    }

    /// Every parameter as a dictionary (the last of a repeated name wins, as in the subscript).
    public var dictionary: [String: String] {
        var all: [String: String] = [:]
        forEach { name, value in all[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self) }
        return all
    }
}
