import Logging

/// The text of a line, as a pure function of the event: `level=<level> event=<message>`, then the
/// metadata sorted by key (`Logger.Metadata` is a dictionary and keeps no insertion order; sorted
/// keys make the same event print the same way every time). A metadata key `level` or `event`
/// is written `_level`, `_event`: a line has one of each.
extension LogfmtHandler {
    public static func line(level: Logger.Level, event: String, metadata: Logger.Metadata) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(64 + metadata.count * 24)
        line += "level=".utf8
        appendValue(level.rawValue, to: &line)
        line += " event=".utf8
        appendValue(event, to: &line)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: " "))
            if key == "level" || key == "event" { line.append(UInt8(ascii: "_")) }
            appendKey(key, to: &line)
            line.append(UInt8(ascii: "="))
            appendValue(text(of: value), to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// A value as is, unless it is empty or holds a space, `"`, `=`, `\` or a control character:
    /// then in double quotes, with `\"`, `\\`, `\n`, `\r`, `\t` and `\u00XX` escapes. Nothing
    /// else changes (other Unicode passes through as UTF-8).
    static func appendValue(_ value: String, to line: inout [UInt8]) {
        guard value.isEmpty || value.unicodeScalars.contains(where: needsQuotes) else {
            line += value.utf8
            return
        }
        line.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": line += #"\""#.utf8
            case "\\": line += #"\\"#.utf8
            case "\n": line += #"\n"#.utf8
            case "\r": line += #"\r"#.utf8
            case "\t": line += #"\t"#.utf8
            case _ where isControl(scalar):
                line += #"\u00"#.utf8
                line.append(hexDigit(UInt8(scalar.value >> 4)))
                line.append(hexDigit(UInt8(scalar.value & 0xF)))
            default: UTF8.encode(scalar) { line.append($0) }
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    /// Keys come from code, but one with a character that would end it early gets `_` there.
    static func appendKey(_ key: String, to line: inout [UInt8]) {
        guard !key.isEmpty else { return line.append(UInt8(ascii: "_")) }
        for scalar in key.unicodeScalars {
            if needsQuotes(scalar) { line.append(UInt8(ascii: "_")) } else { UTF8.encode(scalar) { line.append($0) } }
        }
    }

    /// Nested values keep an order too: arrays as given, dictionaries by key.
    static func text(of value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(text(of:)).joined(separator: ",") + "]"
        case .dictionary(let entries):
            "{" + entries.sorted { $0.key < $1.key }.map { "\($0.key):\(text(of: $0.value))" }.joined(separator: ",") + "}"
        }
    }

    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\"" || scalar == "=" || scalar == "\\" || isControl(scalar)
    }

    /// C0, DEL and C1 (U+0080–U+009F, NEL among them): all fit `\u00XX`.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
