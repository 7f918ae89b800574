import CJansson

// Compact, insertion-order serialization written straight into a byte buffer. Every API
// response takes this path; building a jansson tree first (a malloc and a hash insert per
// member) cost more than the rest of a 2k-node hierarchy response. The output is byte-for-byte
// what jansson writes with JSON_COMPACT (tested against it), so both paths stay interchangeable.
extension JSONValue {
    func compactBytes() -> [UInt8] {
        var writer = CompactJSONWriter()
        writer.write(self)
        return writer.bytes
    }
}

struct CompactJSONWriter {
    private(set) var bytes: [UInt8] = []

    /// An array or object whose members are still to be written.
    private enum Pending {
        case array([JSONValue], next: Int)
        case object(JSONObject, next: Int)
    }

    init() { bytes.reserveCapacity(1024) }

    /// Without recursion, like the jansson builder: nesting depth is bounded only by memory.
    mutating func write(_ root: JSONValue) {
        var stack: [Pending] = []
        var value: JSONValue? = root
        while true {
            if let current = value {
                value = nil
                switch current {
                case .array(let elements):
                    bytes.append(UInt8(ascii: "["))
                    stack.append(.array(elements, next: 0))
                case .object(let members):
                    bytes.append(UInt8(ascii: "{"))
                    stack.append(.object(members, next: 0))
                default:
                    writeScalar(current)
                }
            }
            guard let top = stack.popLast() else { return }
            switch top {
            case .array(let elements, let next):
                guard next < elements.count else { bytes.append(UInt8(ascii: "]")); continue }
                if next > 0 { bytes.append(UInt8(ascii: ",")) }
                stack.append(.array(elements, next: next + 1))
                value = elements[next]
            case .object(let members, let next):
                guard next < members.count else { bytes.append(UInt8(ascii: "}")); continue }
                if next > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(members.keys[next])
                bytes.append(UInt8(ascii: ":"))
                stack.append(.object(members, next: next + 1))
                value = members.values[next]
            }
        }
    }

    private mutating func writeScalar(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(contentsOf: [110, 117, 108, 108])  // null
        case .bool(let flag): flag ? bytes.append(contentsOf: [116, 114, 117, 101]) : bytes.append(contentsOf: [102, 97, 108, 115, 101])
        case .int(let number): bytes.append(contentsOf: String(number).utf8)
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array, .object: preconditionFailure("containers are written by write(_:)")
        }
    }

    /// jansson's own formatting ("%.17g", ".0" appended to integral values, null for NaN and
    /// infinities): doubles are rare in responses, and one formatter keeps them identical.
    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite, let real = json_real(number) else {
            bytes.append(contentsOf: [110, 117, 108, 108])
            return
        }
        let flags = Int(JSON_ENCODE_ANY | JSON_COMPACT | JSONValue.realPrecision17)
        bytes.append(contentsOf: JanssonValue(taking: real).dump(flags: flags))
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
                case 0x08: bytes.append(contentsOf: [92, 98])   // \b
                case 0x0C: bytes.append(contentsOf: [92, 102])  // \f
                case 0x0A: bytes.append(contentsOf: [92, 110])  // \n
                case 0x0D: bytes.append(contentsOf: [92, 114])  // \r
                case 0x09: bytes.append(contentsOf: [92, 116])  // \t
                default:
                    bytes.append(contentsOf: [92, 117, 48, 48])  // \u00
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
