/// An error from libpq or from the server, with what an operator needs to act on it.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        /// Could not open a connection (bad URL, server down, auth refused).
        case connectionFailed
        /// The connection broke while in use; the next call reconnects.
        case connectionLost
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// A COPY could not be started, fed or finished.
        case copyFailed
        /// A column value could not be read as the requested Swift type.
        case typeMismatch
        /// A non-optional read met SQL NULL.
        case unexpectedNull
        /// No column of that name in the result.
        case columnNotFound
    }

    public var code: Code
    /// SQLSTATE from the server (e.g. "23505"), when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var constraint: String?

    public init(code: Code, sqlState: String? = nil, message: String, detail: String? = nil, constraint: String? = nil) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
    }

    /// One line: libpq messages are multi-line and tab-indented.
    public var description: String {
        var text = ""
        if let sqlState { text += "SQLSTATE \(sqlState): " }
        text += PostgresError.oneLine(message)
        if let detail, !detail.isEmpty { text += " (\(PostgresError.oneLine(detail)))" }
        return text
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\t" })
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
}

import FoundationEssentials
import TextUtilities
