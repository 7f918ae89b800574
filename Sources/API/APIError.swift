/// Every way a request can fail, with the HTTP status and a message a client can act on.
/// `APIError+Response.swift` turns it into `{"error":{"code","message"}}`: the one place that does.
public struct APIError: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case invalidParameter = "invalid_parameter"
        case unknownParameter = "unknown_parameter"
        case invalidPath = "invalid_path"
        case invalidBody = "invalid_body"
        case unauthorized
        case invalidSignature = "invalid_signature"
        case missingHeader = "missing_header"
        case webhookNotConfigured = "webhook_not_configured"
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case reloadInProgress = "reload_in_progress"
        case unsupportedMediaType = "unsupported_media_type"
        case payloadTooLarge = "payload_too_large"
        case unprocessable
        case databaseUnavailable = "database_unavailable"
        case internalError = "internal_error"

        public var status: Int {
            switch self {
            case .invalidParameter, .unknownParameter, .invalidPath, .invalidBody, .missingHeader: 400
            case .unauthorized, .invalidSignature: 401
            case .notFound: 404
            case .methodNotAllowed: 405
            case .reloadInProgress: 409
            case .payloadTooLarge: 413
            case .unsupportedMediaType: 415
            case .unprocessable: 422
            case .internalError: 500
            case .databaseUnavailable, .webhookNotConfigured: 503
            }
        }
    }

    public var code: Code
    public var message: String
    /// The query parameter (or body member) at fault, for 400s.
    public var parameter: String?
    /// Every invalid member of a body (422), each named, so a client fixes them all at once.
    public var fields: [Field] = []
    /// Extra response headers (`Allow` on 405, `WWW-Authenticate` on 401, `Retry-After` on 503).
    public var headers: [Header] = []

    public struct Field: Sendable, Equatable {
        public let field: String
        public let message: String
    }

    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public init(_ code: Code, _ message: String, parameter: String? = nil, headers: [Header] = []) {
        self.code = code
        self.message = message
        self.parameter = parameter
        self.headers = headers
    }

    static func invalid(_ parameter: String, _ message: String) -> APIError {
        APIError(.invalidParameter, "parameter '\(parameter)': \(message)", parameter: parameter)
    }

    static func unknownParameter(_ name: String, allowed: Set<String>) -> APIError {
        let list = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
        return APIError(.unknownParameter, "unknown query parameter '\(name)' (accepted: \(list))", parameter: name)
    }

    static let unauthorized = APIError(
        .unauthorized, "a valid API key is required: send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'",
        headers: [Header(name: "WWW-Authenticate", value: "Bearer")])

    static func databaseUnavailable(_ reason: String) -> APIError {
        APIError(.databaseUnavailable, "the database is unavailable: \(reason)",
                 headers: [Header(name: "Retry-After", value: "1")])
    }

    static let internalError = APIError(.internalError, "internal error; the details are in the service log")
}
