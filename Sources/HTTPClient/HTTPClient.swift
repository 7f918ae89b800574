internal import CCurl

/// A blocking HTTP client over one reusable libcurl easy handle, so connections are kept
/// alive across requests. Not Sendable: use one client per thread.
public final class HTTPClient {
    /// `CURL *` (a `void *` in C). The only C handle this class owns.
    let handle: UnsafeMutableRawPointer

    public init() {
        // Both fail only when memory runs out; there is nothing a caller could do about it.
        guard curlGlobalInitResult == CURLE_OK, let handle = curl_easy_init() else {
            fatalError("libcurl could not be initialised (curl_global_init: \(curlGlobalInitResult.rawValue))")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Performs the exchange. Any HTTP status is a response; only a missing response throws.
    public func send(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        try Self.validate(request)
        let headerList = try makeHeaderList(request)
        defer { curl_slist_free_all(headerList) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        let accumulator = ResponseAccumulator()

        // reset clears options from the previous request but keeps the connection cache.
        curl_easy_reset(handle)
        // And again afterwards, so the handle keeps no pointers to the buffers freed above.
        defer { curl_easy_reset(handle) }
        try configure(for: request, headers: headerList, errorBuffer: errorBuffer,
                      accumulator: Unmanaged.passUnretained(accumulator).toOpaque())
        let result = withExtendedLifetime(accumulator) { curl_easy_perform(handle) }

        guard result == CURLE_OK else {
            var elapsed = 0.0
            _ = ccurl_getinfo_double(handle, CURLINFO_TOTAL_TIME, &elapsed)
            throw HTTPClientError(curlCode: result, detail: String(cString: errorBuffer),
                                  elapsedSeconds: elapsed, request: request)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effectiveURL: UnsafeMutablePointer<CChar>?
        _ = ccurl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effectiveURL)
        return HTTPResponse(status: status, headers: accumulator.headers, body: accumulator.body,
                            effectiveURL: effectiveURL.map { String(cString: $0) } ?? request.url)
    }

    public func get(_ url: String, headers: [(String, String)] = []) throws(HTTPClientError) -> HTTPResponse {
        try send(HTTPRequest(method: "GET", url: url, headers: headers))
    }

    public func post(_ url: String, headers: [(String, String)] = [], body: [UInt8]) throws(HTTPClientError) -> HTTPResponse {
        try send(HTTPRequest(method: "POST", url: url, headers: headers, body: body))
    }
}

/// One client per thread: the curl handle must not be used from two threads at once.
@available(*, unavailable)
extension HTTPClient: Sendable {}
