/// Text PostgreSQL cannot store, kept in a reversible form (docs/normalization.md, "Text
/// PostgreSQL cannot store"). Neither `text` nor `jsonb` holds U+0000, and JSON escapes can spell
/// lone UTF-16 surrogates (`\ud800`, a cut emoji) that no Unicode string holds at all; Jira Cloud
/// sends both. One rule, applied where upstream JSON is parsed (harvest pages, webhook bodies):
///
/// - in a stored JSON string, the six characters `\u0000`, `\ud800`…`\udfff` and `\u005c` (any
///   hex case) each stand for that one UTF-16 code unit: a NUL, a lone surrogate, and a
///   backslash that was followed by such a sequence as text; every other character is as sent;
/// - text columns read those sequences as U+FFFD (NUL, surrogate) and `\` (`columnText`).
///
/// So `originalUTF16` gives back exactly the code units upstream sent, and a string that held
/// none of them (nearly all) is stored untouched.
public enum StorableText {
    /// The stored form's escapes: NUL, surrogates, and the backslash that protects literal text.
    @inlinable
    static func isEscaped(_ unit: UInt16) -> Bool {
        unit == 0 || unit == backslash || (0xD800...0xDFFF).contains(unit)
    }

    @usableFromInline static let backslash: UInt16 = 0x5C

    /// The text for a column: escaped NULs and surrogates as U+FFFD, an escaped backslash as `\`.
    public static func columnText(_ stored: String) -> String {
        guard stored.utf8.contains(UInt8(ascii: "\\")) else { return stored }
        var units: [UInt16] = []
        units.reserveCapacity(stored.utf16.count)
        decode(stored) { unit, wasEscaped in
            units.append(wasEscaped && unit != backslash ? 0xFFFD : unit)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The UTF-16 code units upstream sent, lone surrogates and NULs included.
    public static func originalUTF16(_ stored: String) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(stored.utf16.count)
        decode(stored) { unit, _ in units.append(unit) }
        return units
    }

    /// The stored form of `units` (any UTF-16, lone surrogates and NULs included), as code units
    /// that form valid UTF-16 without NUL.
    public static func storedUTF16<Units: Collection>(_ units: Units) -> [UInt16] where Units.Element == UInt16 {
        let units = Array(units)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            if UTF16.isLeadSurrogate(unit), index + 1 < units.count, UTF16.isTrailSurrogate(units[index + 1]) {
                out += [unit, units[index + 1]]
                index += 2
                continue
            }
            if unit == 0 || UTF16.isLeadSurrogate(unit) || UTF16.isTrailSurrogate(unit)
                || (unit == backslash && escapedUnit(in: units, at: index) != nil) {
                out += escapeSequence(unit)
            } else {
                out.append(unit)
            }
            index += 1
        }
        return out
    }

    /// The stored form of a Swift string (which can hold a NUL but no lone surrogate).
    public static func stored(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\\") }) else { return text }
        return String(decoding: storedUTF16(text.utf16), as: UTF16.self)
    }

    /// `\uXXXX` with lower-case hex, as code units.
    static func escapeSequence(_ unit: UInt16) -> [UInt16] {
        let hex = Array("0123456789abcdef".utf16)
        return [backslash, 0x75] + [12, 8, 4, 0].map { hex[Int((unit >> UInt16($0)) & 0xF)] }
    }

    /// The unit spelled by `\uXXXX` starting at `index` when it is one of the stored form's
    /// escapes; nil otherwise.
    static func escapedUnit<Units: RandomAccessCollection>(in units: Units, at index: Units.Index) -> UInt16?
    where Units.Element == UInt16, Units.Index == Int {
        guard units[index] == backslash, index + 5 < units.endIndex, units[index + 1] == 0x75 else { return nil }
        var value: UInt16 = 0
        for offset in 2...5 {
            guard let digit = hexValue(units[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return isEscaped(value) ? value : nil
    }

    static func hexValue(_ unit: UInt16) -> UInt16? {
        switch unit {
        case 0x30...0x39: unit - 0x30
        case 0x41...0x46: unit - 0x41 + 10
        case 0x61...0x66: unit - 0x61 + 10
        default: nil
        }
    }

    /// Each code unit of the original: `wasEscaped` when it came from one of the escapes.
    private static func decode(_ stored: String, _ emit: (UInt16, _ wasEscaped: Bool) -> Void) {
        let units = Array(stored.utf16)
        var index = 0
        while index < units.count {
            if let unit = escapedUnit(in: units, at: index) {
                emit(unit, true)
                index += 6
            } else {
                emit(units[index], false)
                index += 1
            }
        }
    }
}
