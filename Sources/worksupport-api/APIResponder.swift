import API
import FastCGI
import Pool

/// Bridges the pool's FastCGI requests and the transport-free API handler: builds the
/// `APIRequest`, reads the body within the limit, writes the response with Content-Length.
final class APIResponder: PoolRequestResponder {
    let handler: any APIRequestHandler
    let maxBodyBytes: Int

    init(handler: any APIRequestHandler, maxBodyBytes: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
    }

    func respond(to request: FastCGIRequest) -> Int {
        var apiRequest = APIRequest(fastCGIParams: request.params)
        do {
            apiRequest.body = try request.readBody(maxBytes: maxBodyBytes)
        } catch {
            let response = error.code == .bodyTooLarge
                ? Self.error(413, "payload_too_large", "request body exceeds \(maxBodyBytes) bytes")
                : Self.error(400, "bad_request", "the request body could not be read")
            return send(response, to: request)
        }
        return send(handler.handle(apiRequest), to: request)
    }

    private func send(_ response: APIResponse, to request: FastCGIRequest) -> Int {
        // The length check first spares a lowercased copy of every other header's name.
        func isLength(_ header: (String, String)) -> Bool {
            header.0.utf8.count == 14 && header.0.lowercased() == "content-length"
        }
        // Copied only when a handler set a length itself (none does): the body's count is the length.
        let headers = response.headers.contains(where: isLength) ? response.headers.filter { !isLength($0) }
                                                                  : response.headers
        request.respond(status: response.status, headers: headers, contentLength: response.body.count,
                        body: response.body)
        return response.status
    }

    /// The API's error shape, for the failures that happen before a handler sees the request.
    static func error(_ status: Int, _ code: String, _ message: String) -> APIResponse {
        let body = "{\"error\":{\"code\":\"\(code)\",\"message\":\"\(message)\"}}"
        return APIResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }
}
