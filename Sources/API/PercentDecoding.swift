import TextUtilities

/// `%XX` decoding of paths and query components.
enum PercentDecoding {
    /// The decoded text; nil for a malformed escape (`%zz`, a lone `%`), bytes that are not UTF-8,
    /// or a NUL byte (`%00`): PostgreSQL text cannot hold one, and libpq would cut a parameter
    /// short at it. In query strings `+` stands for a space.
    static func decode(_ text: String, plusIsSpace: Bool) -> String? {
        let utf8 = text.utf8
        guard !utf8.contains(0) else { return nil }
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(HexDigit.value), let low = iterator.next().flatMap(HexDigit.value) else {
                    return nil
                }
                guard high | low != 0 else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
