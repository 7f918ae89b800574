/// What the handler answers. `Content-Length` is always computed by the server from `body`.
public struct HTTPServerResponse: Sendable {
    /// How the server misbehaves when sending this response (fault injection for the simulator).
    public enum Fault: Sendable, Equatable {
        case none
        /// Waits this long before answering; gives up early if the client hangs up.
        case delay(seconds: Double)
        /// Closes the connection without sending anything.
        case dropConnection
        /// Sends the head with the full `Content-Length` but only the first `bytes` of the body,
        /// then closes the connection.
        case truncateBody(bytes: Int)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var fault: Fault

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], fault: Fault = .none) {
        self.status = status
        self.headers = headers
        self.body = body
        self.fault = fault
    }

    public static func text(status: Int = 200, _ text: String) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
                           body: Array(text.utf8))
    }

    public static func json(status: Int = 200, _ bytes: [UInt8]) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: [("Content-Type", "application/json")], body: bytes)
    }

    public static func json(status: Int = 200, _ text: String) -> HTTPServerResponse {
        json(status: status, Array(text.utf8))
    }

    public static func redirect(status: Int = 302, to location: String) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: [("Location", location)])
    }

    /// Returns a copy that misbehaves as `fault` says.
    public func with(fault: Fault) -> HTTPServerResponse {
        var copy = self
        copy.fault = fault
        return copy
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}
