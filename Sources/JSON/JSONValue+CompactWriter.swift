import CJansson

// Compact, insertion-order serialization written straight into a byte buffer. Every API
// response takes this path; building a jansson tree first (a malloc and a hash insert per
// member) cost more than the rest of a 2k-node hierarchy response. The output is byte-for-byte
// what jansson writes with JSON_COMPACT (tested against it), so both paths stay interchangeable.
// Large responses (thousands of rows) are streamed through it without building values at all.
extension JSONValue {
    func compactBytes() -> [UInt8] {
        var writer = CompactJSONWriter()
        writer.write(self)
        return writer.bytes
    }
}

/// Appends into memory it owns (not an `Array`: the uniqueness and capacity checks of
/// `append(contentsOf:)` cost more than the copying for the short pieces JSON is made of).
/// Not copyable, so two writers can never share one buffer.
public struct CompactJSONWriter: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// An array or object whose members are still to be written.
    private enum Pending {
        case array([JSONValue], next: Int)
        case object(JSONObject, next: Int)
    }

    public init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// What has been written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = grown
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    private mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let base = piece.baseAddress, !piece.isEmpty else { return }
        reserve(piece.count)
        (storage + count).update(from: base, count: piece.count)
        count += piece.count
    }

    /// Punctuation and fixed member names, written as they are: `writeRaw("{\"issue_key\":")`.
    public mutating func writeRaw(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Bytes that are already JSON (a number's digits from the database), written as they are.
    public mutating func writeRaw(_ json: UnsafeBufferPointer<UInt8>) {
        append(json)
    }

    public mutating func writeNull() { writeRaw("null") }

    /// Bytes that are already JSON, written as they are.
    public mutating func writeRaw(_ json: [UInt8]) {
        json.withUnsafeBufferPointer { append($0) }
    }

    public mutating func writeInt(_ number: Int) {
        var digits = String(number)
        digits.withUTF8 { append($0) }
    }

    /// Without recursion, like the jansson builder: nesting depth is bounded only by memory.
    public mutating func write(_ root: JSONValue) {
        var stack: [Pending] = []
        var value: JSONValue? = root
        while true {
            if let current = value {
                value = nil
                switch current {
                case .array(let elements):
                    append(UInt8(ascii: "["))
                    stack.append(.array(elements, next: 0))
                case .object(let members):
                    append(UInt8(ascii: "{"))
                    stack.append(.object(members, next: 0))
                default:
                    writeScalar(current)
                }
            }
            guard let top = stack.popLast() else { return }
            switch top {
            case .array(let elements, let next):
                guard next < elements.count else { append(UInt8(ascii: "]")); continue }
                if next > 0 { append(UInt8(ascii: ",")) }
                stack.append(.array(elements, next: next + 1))
                value = elements[next]
            case .object(let members, let next):
                guard next < members.count else { append(UInt8(ascii: "}")); continue }
                if next > 0 { append(UInt8(ascii: ",")) }
                writeString(members.keys[next])
                append(UInt8(ascii: ":"))
                stack.append(.object(members, next: next + 1))
                value = members.values[next]
            }
        }
    }

    private mutating func writeScalar(_ value: JSONValue) {
        switch value {
        case .null: writeNull()
        case .bool(let flag): flag ? writeRaw("true") : writeRaw("false")
        case .int(let number): writeInt(Int(number))
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array, .object: preconditionFailure("containers are written by write(_:)")
        }
    }

    /// jansson's own formatting ("%.17g", ".0" appended to integral values, null for NaN and
    /// infinities): doubles are rare in responses, and one formatter keeps them identical.
    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite, let real = json_real(number) else {
            writeNull()
            return
        }
        let flags = Int(JSON_ENCODE_ANY | JSON_COMPACT | JSONValue.realPrecision17)
        writeRaw(JanssonValue(taking: real).dump(flags: flags))
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    public mutating func writeString(_ text: String) {
        var text = text
        text.withUTF8 { writeString(utf8: $0) }
    }

    /// A string from valid UTF-8 (database text), escaped as jansson escapes it. Eight bytes
    /// are tested at a time: text rarely needs escaping, and a test per byte was most of the
    /// time spent writing a 5k-issue release.
    public mutating func writeString(utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count + 2)
        append(UInt8(ascii: "\""))
        guard let base = utf8.baseAddress else {
            append(UInt8(ascii: "\""))
            return
        }
        let count = utf8.count
        var runStart = 0
        var index = 0
        while index < count {
            if index + 8 <= count, !Self.mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = base[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(start: base + runStart, count: index - 1 - runStart))
            runStart = index
            switch byte {
            case UInt8(ascii: "\""): writeRaw("\\\"")
            case UInt8(ascii: "\\"): writeRaw("\\\\")
            case 0x08: writeRaw("\\b")
            case 0x0C: writeRaw("\\f")
            case 0x0A: writeRaw("\\n")
            case 0x0D: writeRaw("\\r")
            case 0x09: writeRaw("\\t")
            default:
                writeRaw("\\u00")
                append(Self.hexDigits[Int(byte >> 4)])
                append(Self.hexDigits[Int(byte & 0xF)])
            }
        }
        append(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        append(UInt8(ascii: "\""))
    }

    /// False only when none of the eight bytes of `word` is a control character, `"` or `\`
    /// (the bit tricks of "Bit Twiddling Hacks": a byte below n, a byte equal to zero). It may
    /// say true for a word that needs nothing; the caller then tests byte by byte.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let below0x20 = (word &- ones &* 0x20) & ~word
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (below0x20 | isQuote | isBackslash) & highBits != 0
    }
}
