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
        if let failure = readBody(of: request, into: &apiRequest) { return send(failure, to: request) }
        return send(handler.handle(apiRequest), to: request)
    }

    func batchItem(for request: FastCGIRequest) -> BatchableRead? {
        handler.batchable(APIRequest(fastCGIParams: request.params))
    }

    func respond(toBatch batch: [(request: FastCGIRequest, item: BatchableRead)]) -> [Int] {
        var statuses = [Int](repeating: 0, count: batch.count)
        var reads: [BatchableRead] = []
        var readers: [Int] = []
        for (index, entry) in batch.enumerated() {
            var read = entry.item
            if let failure = readBody(of: entry.request, into: &read.request) {
                statuses[index] = send(failure, to: entry.request)
            } else {
                reads.append(read)
                readers.append(index)
            }
        }
        for (index, response) in zip(readers, handler.handle(batch: reads)) {
            statuses[index] = send(response, to: batch[index].request)
        }
        return statuses
    }

    /// Reads the body into `apiRequest` within the limit; the error response when it cannot.
    private func readBody(of request: FastCGIRequest, into apiRequest: inout APIRequest) -> APIResponse? {
        do {
            apiRequest.body = try request.readBody(maxBytes: maxBodyBytes)
            return nil
        } catch {
            return error.code == .bodyTooLarge
                ? Self.error(413, "payload_too_large", "request body exceeds \(maxBodyBytes) bytes")
                : Self.error(400, "bad_request", "the request body could not be read")
        }
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
