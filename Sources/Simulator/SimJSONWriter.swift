import JSON

/// A direct JSONValue → UTF-8 writer. The simulator writes tens of megabytes of JSON (100k-issue
/// datasets and manifests, search pages); building a jansson tree first made that several times
/// slower than the data generation itself. Output: compact, or 2-space indented; keys in
/// insertion order or sorted by their UTF-8 bytes; non-ASCII kept as UTF-8; with
/// `upstreamPlaceholders` (API responses), `SimText`'s placeholders as the bytes they stand for.
struct SimJSONWriter {
    let sortedKeys: Bool
    let pretty: Bool
    var upstreamPlaceholders = false
    private(set) var bytes: [UInt8] = []

    static func serialize(_ value: JSONValue, sortedKeys: Bool = false, pretty: Bool = false,
                          upstreamPlaceholders: Bool = false) -> [UInt8] {
        var writer = SimJSONWriter(sortedKeys: sortedKeys, pretty: pretty)
        writer.upstreamPlaceholders = upstreamPlaceholders
        writer.bytes.reserveCapacity(4096)
        writer.write(value, depth: 0)
        if pretty { writer.bytes.append(10) }
        return writer.bytes
    }

    private init(sortedKeys: Bool, pretty: Bool) {
        self.sortedKeys = sortedKeys
        self.pretty = pretty
    }

    private mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: bytes += Array("null".utf8)
        case .bool(let flag): bytes += Array((flag ? "true" : "false").utf8)
        case .int(let number): bytes += Array(String(number).utf8)
        case .double(let number): bytes += Array((number.isFinite ? String(number) : "null").utf8)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(element, depth: depth + 1)
            }
            if !elements.isEmpty { newline(depth) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var order = Array(object.keys.indices)
            if sortedKeys { order.sort { object.keys[$0].utf8.lexicographicallyPrecedes(object.keys[$1].utf8) } }
            for (position, index) in order.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(object.keys[index])
                bytes.append(UInt8(ascii: ":"))
                if pretty { bytes.append(UInt8(ascii: " ")) }
                write(object.values[index], depth: depth + 1)
            }
            if !object.isEmpty { newline(depth) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        bytes.append(10)
        bytes += repeatElement(UInt8(ascii: " "), count: depth * 2)
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if upstreamPlaceholders, text.unicodeScalars.contains(where: { SimText.placeholderBytes[$0] != nil }) {
            for scalar in text.unicodeScalars {
                if let placeholder = SimText.placeholderBytes[scalar] {
                    bytes += placeholder
                } else {
                    writeContent(String(scalar))
                }
            }
        } else {
            writeContent(text)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeContent(_ text: some StringProtocol) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [92, 34]
            case UInt8(ascii: "\\"): bytes += [92, 92]
            case 10: bytes += [92, UInt8(ascii: "n")]
            case 13: bytes += [92, UInt8(ascii: "r")]
            case 9: bytes += [92, UInt8(ascii: "t")]
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: bytes.append(byte)
            }
        }
    }
}
