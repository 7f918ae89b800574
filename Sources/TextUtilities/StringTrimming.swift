// The few string helpers the server-side modules used from Foundation. Those modules import
// FoundationEssentials only: all of Foundation (ICU included) adds megabytes to every API worker.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`: newlines stay).
    public func trimmingSpaces() -> String {
        // Most values have nothing to trim: settled on the first and last bytes, without walking
        // Characters (an API key is trimmed on every request).
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, Self.isPlainNonSpace(first), Self.isPlainNonSpace(last) {
            return whole
        }
        let isSpace: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// An ASCII byte that is not whitespace (bytes from 0x80 may start a Unicode space).
    private static func isPlainNonSpace(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7f }
}

extension BinaryInteger {
    /// Decimal digits left-padded with zeros to `width` (no sign handling: for non-negative values).
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
