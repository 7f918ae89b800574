/// JSON text another writer produced (PostgreSQL's `json_build_object`, which separates with
/// `" : "` and breaks `json_agg` arrays over lines), rewritten as `CompactJSONWriter` writes
/// the same value: no whitespace between tokens, `\u` escapes in upper case. Strings are
/// otherwise kept as they are (PostgreSQL escapes exactly the characters the writer does), and
/// numbers as the database wrote them. The input must be valid JSON: only whitespace and
/// escapes are looked at.
public enum CompactJSONText {
    public static func compacted(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: text.count) { out, written in
            var count = 0
            var inString = false
            var index = 0
            while index < text.count {
                let byte = text[index]
                index += 1
                if inString {
                    out[count] = byte
                    count += 1
                    if byte == UInt8(ascii: "\"") {
                        inString = false
                    } else if byte == UInt8(ascii: "\\"), index < text.count {
                        let escaped = text[index]
                        index += 1
                        out[count] = escaped
                        count += 1
                        // `\u` and four hex digits, in upper case as the writer writes them.
                        if escaped == UInt8(ascii: "u") {
                            let end = min(index + 4, text.count)
                            while index < end {
                                let digit = text[index]
                                out[count] = digit >= UInt8(ascii: "a") && digit <= UInt8(ascii: "f") ? digit - 32 : digit
                                count += 1
                                index += 1
                            }
                        }
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    continue
                case UInt8(ascii: "\""):
                    inString = true
                default:
                    break
                }
                out[count] = byte
                count += 1
            }
            written = count
        }
    }

    public static func compacted(_ text: [UInt8]) -> [UInt8] {
        text.withUnsafeBufferPointer { compacted($0) }
    }

    public static func compacted(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { compacted($0) }
    }
}
