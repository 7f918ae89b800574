import CJansson

extension JSONValue {
    /// The value as UTF-8 JSON text: compact unless `pretty` (2-space indent), members in insertion
    /// order unless `sortedKeys`. Doubles use 17 significant digits so they parse back to the same
    /// bits; non-ASCII stays UTF-8; quotes, backslashes and control characters (NUL included) are
    /// escaped. NaN and infinities, which JSON cannot express, are written as null.
    ///
    /// Compact output is written by `CompactJSONWriter`; pretty or sorted output by jansson, whose
    /// encoder recurses: there the nesting depth must be at most 4096 (a parsed document has at
    /// most 2048), and no bytes are returned only if jansson runs out of memory.
    public func serialized(sortedKeys: Bool = false, pretty: Bool = false) -> [UInt8] {
        if !sortedKeys && !pretty { return compactBytes() }
        return janssonSerialized(sortedKeys: sortedKeys, pretty: pretty)
    }

    /// The same text through jansson's encoder (the compact path is checked against it).
    func janssonSerialized(sortedKeys: Bool, pretty: Bool) -> [UInt8] {
        guard let tree = JanssonValue(building: self) else { return [] }
        var flags = JSON_ENCODE_ANY | Self.realPrecision17
        flags |= pretty ? Self.indent2 : JSON_COMPACT
        if sortedKeys { flags |= JSON_SORT_KEYS }
        return tree.dump(flags: Int(flags))
    }

    public func serializedString(sortedKeys: Bool = false, pretty: Bool = false) -> String {
        String(decoding: serialized(sortedKeys: sortedKeys, pretty: pretty), as: UTF8.self)
    }

    // JSON_REAL_PRECISION(n) and JSON_INDENT(n) are function-like macros Swift does not import.
    static let realPrecision17: Int32 = (17 & 0x1F) << 11
    private static let indent2: Int32 = 2 & JSON_MAX_INDENT
}

extension JSONValue: CustomStringConvertible {
    public var description: String { serializedString() }
}

extension JanssonValue {
    /// json_dumpb reports the size it needs when the buffer is too small, so at most two passes.
    func dump(flags: Int) -> [UInt8] {
        var capacity = 1024
        while true {
            var needed = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    needed = json_dumpb(pointer, chars.baseAddress, chars.count, flags)
                }
                count = needed <= capacity ? needed : 0
            }
            if needed <= capacity { return bytes }
            capacity = needed
        }
    }
}
