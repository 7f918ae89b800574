import TextUtilities

/// Decoding of `application/x-www-form-urlencoded` query strings.
enum QueryString {
    /// Splits `a=1&b=x%20y` into items; an item without `=` has an empty value.
    static func decodeItems(_ rawQuery: String) -> [(name: String, value: String)] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? percentDecode(parts[1], plusIsSpace: true) : ""
            return (name: percentDecode(parts[0], plusIsSpace: true), value: value)
        }
    }

    /// Decodes `%XX` escapes as UTF-8 bytes; a malformed escape is kept literally.
    static func percentDecode(_ text: Substring, plusIsSpace: Bool) -> String {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
               let high = HexDigit.value(input[index + 1]), let low = HexDigit.value(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            output.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
