/// Why a JSON text was refused, with where jansson stopped reading.
public struct JSONError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        case invalidSyntax
        case invalidUTF8
        case prematureEndOfInput
        /// Garbage after a complete value.
        case endOfInputExpected
        /// Nested deeper than jansson's parser allows (2048 levels).
        case tooDeeplyNested
        case numericOverflow
        case nullByteInKey
        case outOfMemory
        case other
    }

    public let code: Code
    /// 1-based line and column of the offending input, as reported by jansson.
    public let line: Int
    public let column: Int
    /// Byte offset into the input.
    public let position: Int
    /// jansson's own explanation, e.g. "unexpected token near end of file".
    public let message: String

    public init(code: Code, line: Int, column: Int, position: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.position = position
        self.message = message
    }

    public var description: String {
        "invalid JSON (\(code)) at line \(line), column \(column), byte \(position): \(message)"
    }
}
