/// JSON text another writer produced (PostgreSQL's `json_build_object`, which separates with
/// `" : "` and breaks `json_agg` arrays over lines), rewritten as `CompactJSONWriter` writes
/// the same value: no whitespace between tokens, `\u` escapes in upper case. Strings are
/// otherwise kept as they are (PostgreSQL escapes exactly the characters the writer does), and
/// numbers as the database wrote them.
/// The input must be valid JSON: only whitespace and escapes are looked at.
public enum CompactJSONText {
    public static func compacted(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var inString = false
        var escape = 0  // bytes of an escape still to copy: 1 after `\`, 4 after `\u`
        var upperCaseHex = false
        for byte in text {
            if inString {
                if escape > 0 {
                    if upperCaseHex, byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "f") {
                        out.append(byte - 32)
                    } else {
                        out.append(byte)
                    }
                    if upperCaseHex {
                        escape -= 1
                        if escape == 0 { upperCaseHex = false }
                    } else if byte == UInt8(ascii: "u") {
                        escape = 4
                        upperCaseHex = true
                    } else {
                        escape = 0
                    }
                    continue
                }
                out.append(byte)
                if byte == UInt8(ascii: "\\") { escape = 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            default:
                out.append(byte)
            }
        }
        return out
    }
}
