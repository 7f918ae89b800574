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
            let failure = error.code == .bodyTooLarge
                ? APIError(.payloadTooLarge, "the request body is larger than \(maxBodyBytes) bytes")
                : APIError(.invalidBody, "the request body could not be read")
            return send(failure.response, to: request)
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
}
