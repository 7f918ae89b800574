extension StorableText {
    /// A JSON text with every string (member names too) in the stored form: what jansson can parse
    /// (it refuses lone surrogate escapes, and NUL in member names) and PostgreSQL can store. Only
    /// strings holding an escape that may need it are rewritten; a text without one comes back as
    /// it was. Invalid JSON stays invalid, for the parser to report.
    public static func escapingUnstorable(inJSON bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { text in
            var out: [UInt8] = []
            var copied = 0
            var index = 0
            while index < text.count {
                guard text[index] == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                if let length = plainEscapeLength(text, at: index) {
                    index += length
                    continue
                }
                guard let start = openingQuote(text, before: index), let end = closingQuote(text, after: index) else {
                    index += 2
                    continue
                }
                guard let rewritten = rewrittenString(text[(start + 1)..<end]) else {
                    index = end + 1
                    continue
                }
                if out.isEmpty { out.reserveCapacity(text.count + 64) }
                out += text[copied..<start]
                out += rewritten
                copied = end + 1
                index = end + 1
            }
            guard copied > 0 else { return bytes }
            out += text[copied...]
            return out
        }
    }

    /// How many bytes the escape at `index` spans (a surrogate pair escaped as two counts as one);
    /// nil when it is `\u0000`, a lone surrogate, or a backslash (`\\`, `\u005c`) followed by `u`
    /// or another escape: then the string may hold something the stored form writes differently.
    static func plainEscapeLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index + 1 < text.count else { return 2 }
        let length: Int
        switch text[index + 1] {
        case UInt8(ascii: "\\"):
            length = 2
        case UInt8(ascii: "u"):
            guard let value = unicodeEscape(text, at: index) else { return 2 }
            if UTF16.isLeadSurrogate(value), let next = unicodeEscape(text, at: index + 6), UTF16.isTrailSurrogate(next) {
                return 12
            }
            if value == 0 || UTF16.isLeadSurrogate(value) || UTF16.isTrailSurrogate(value) { return nil }
            guard value == backslash else { return 6 }
            length = 6
        default:
            return 2
        }
        let after = index + length
        let followed = after < text.count && (text[after] == UInt8(ascii: "u") || text[after] == UInt8(ascii: "\\"))
        return followed ? nil : length
    }

    /// The value of `\uXXXX` at `index`, or nil when there is none.
    static func unicodeEscape(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
        guard index + 5 < text.count, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") else {
            return nil
        }
        var value: UInt16 = 0
        for offset in 2...5 {
            guard let digit = hexValue(UInt16(text[index + offset])) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// The quote opening the string that holds the escape at `index`: the nearest quote before it
    /// not itself escaped (preceded by an even run of backslashes).
    static func openingQuote(_ text: UnsafeBufferPointer<UInt8>, before index: Int) -> Int? {
        var position = index - 1
        while position >= 0 {
            if text[position] == UInt8(ascii: "\"") {
                var backslashes = 0
                while position - backslashes - 1 >= 0, text[position - backslashes - 1] == UInt8(ascii: "\\") {
                    backslashes += 1
                }
                if backslashes.isMultiple(of: 2) { return position }
            }
            position -= 1
        }
        return nil
    }

    /// The quote closing the string in which an escape starts at `index`.
    static func closingQuote(_ text: UnsafeBufferPointer<UInt8>, after index: Int) -> Int? {
        var position = index
        while position < text.count {
            switch text[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""): return position
            default: position += 1
            }
        }
        return nil
    }

    /// The string's content (between its quotes) decoded, put in the stored form, and written
    /// back as a quoted JSON string; nil when it is not valid JSON string content.
    static func rewrittenString(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        guard let units = decodedUTF16(content) else { return nil }
        let stored = String(decoding: storedUTF16(units), as: UTF16.self)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(content.count + 16)
        for byte in stored.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [92, 34]
            case UInt8(ascii: "\\"): out += [92, 92]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// JSON string content as UTF-16 code units, escapes decoded (lone surrogates kept).
    static func decodedUTF16(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt16]? {
        var units: [UInt16] = []
        units.reserveCapacity(content.count)
        var plainStart = content.startIndex
        var index = content.startIndex
        func flushPlain(upTo end: Int) -> Bool {
            guard plainStart < end else { return true }
            guard let text = String(validating: content.base[plainStart..<end], as: UTF8.self) else { return false }
            units += text.utf16
            return true
        }
        while index < content.endIndex {
            guard content.base[index] == UInt8(ascii: "\\") else {
                // A raw control character is invalid JSON: leave it for the parser to report.
                guard content.base[index] >= 0x20 else { return nil }
                index += 1
                continue
            }
            guard flushPlain(upTo: index), index + 1 < content.endIndex else { return nil }
            let kind = content.base[index + 1]
            switch kind {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): units.append(UInt16(kind))
            case UInt8(ascii: "b"): units.append(8)
            case UInt8(ascii: "f"): units.append(12)
            case UInt8(ascii: "n"): units.append(10)
            case UInt8(ascii: "r"): units.append(13)
            case UInt8(ascii: "t"): units.append(9)
            case UInt8(ascii: "u"):
                guard index + 5 < content.endIndex else { return nil }
                var value: UInt16 = 0
                for offset in 2...5 {
                    guard let digit = hexValue(UInt16(content.base[index + offset])) else { return nil }
                    value = value << 4 | digit
                }
                units.append(value)
                index += 4
            default:
                return nil
            }
            index += 2
            plainStart = index
        }
        guard flushPlain(upTo: content.endIndex) else { return nil }
        return units
    }
}

extension JSONValue {
    /// Parses upstream JSON (a harvest page, a webhook body) with its strings in the stored form
    /// of `StorableText`: NULs and lone surrogates are kept as escapes PostgreSQL can store.
    public static func parseStorable(_ bytes: [UInt8], integersAsReal: Bool = false) throws(JSONError) -> JSONValue {
        try parse(StorableText.escapingUnstorable(inJSON: bytes), integersAsReal: integersAsReal)
    }
}
