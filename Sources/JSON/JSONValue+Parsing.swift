import CJansson

extension JSONValue {
    /// Parses any JSON value (not only objects and arrays). Strings may contain `\u0000`.
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try parse(bytes, integersAsReal: false)
    }

    /// `integersAsReal`: every integer becomes a `.double`, so integers past 64 bits (valid JSON,
    /// a numeric overflow otherwise) still parse, at the price of exactness.
    public static func parse(_ bytes: [UInt8], integersAsReal: Bool) throws(JSONError) -> JSONValue {
        // The closure-taking standard library APIs rethrow untyped errors; carry a Result across.
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try parse(buffer, integersAsReal: integersAsReal) }
        }.get()
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(buffer)) }
        }.get()
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue {
        try parse(buffer, integersAsReal: false)
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer, integersAsReal: Bool) throws(JSONError) -> JSONValue {
        let flags = JSON_DECODE_ANY | JSON_ALLOW_NUL | (integersAsReal ? JSON_DECODE_INT_AS_REAL : 0)
        var error = json_error_t()
        // jansson refuses a NULL buffer even for length 0; give it a real empty one instead.
        let empty: CChar = 0
        let root = withUnsafePointer(to: empty) { emptyPointer in
            let start = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) ?? emptyPointer
            return json_loadb(start, buffer.count, Int(flags), &error)
        }
        guard let root else { throw JSONError(jansson: error) }
        return JanssonValue(taking: root).swiftValue()
    }
}

extension JSONError {
    init(jansson error: json_error_t) {
        let message = withUnsafeBytes(of: error.text) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
        // jansson keeps the error code in the last byte of `text` (see json_error_code()).
        let rawCode = withUnsafeBytes(of: error.text) { raw in raw[raw.count - 1] }
        self.init(code: Code(janssonCode: UInt32(rawCode)), line: Int(error.line),
                  column: Int(error.column), position: Int(error.position), message: message)
    }
}

extension JSONError.Code {
    init(janssonCode: UInt32) {
        switch janssonCode {
        case json_error_invalid_syntax.rawValue, json_error_invalid_format.rawValue,
             json_error_null_character.rawValue, json_error_duplicate_key.rawValue:
            self = .invalidSyntax
        case json_error_invalid_utf8.rawValue: self = .invalidUTF8
        case json_error_premature_end_of_input.rawValue: self = .prematureEndOfInput
        case json_error_end_of_input_expected.rawValue: self = .endOfInputExpected
        case json_error_stack_overflow.rawValue: self = .tooDeeplyNested
        case json_error_numeric_overflow.rawValue: self = .numericOverflow
        case json_error_null_byte_in_key.rawValue: self = .nullByteInKey
        case json_error_out_of_memory.rawValue: self = .outOfMemory
        default: self = .other
        }
    }
}
