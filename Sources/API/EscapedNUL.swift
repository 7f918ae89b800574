/// `\u0000` in a JSON text. It is valid JSON, but PostgreSQL's jsonb and text cannot hold a NUL
/// and jansson refuses one in a member name, so a webhook delivery carrying one would be refused
/// or fail to store (500). Deliveries are parsed with each replaced by `\uFFFD` instead (same
/// length), after the signature check on the bytes as sent.
enum EscapedNUL {
    static func replaced(in body: [UInt8]) -> [UInt8] {
        let backslash = UInt8(ascii: "\\")
        let escape = Array("u0000".utf8)
        guard body.contains(backslash) else { return body }
        var out = body
        var index = 0
        while index < out.count - 1 {
            guard out[index] == backslash else {
                index += 1
                continue
            }
            // A backslash always starts a two-byte escape inside a string (outside one the text is
            // invalid anyway): the byte after it is never the start of another escape.
            if index + escape.count < out.count, out[(index + 1)...(index + escape.count)].elementsEqual(escape) {
                out.replaceSubrange((index + 2)...(index + 5), with: Array("FFFD".utf8))
            }
            index += 2
        }
        return out
    }
}
