internal import CCurl

extension HTTPClient {
    /// Rejects what libcurl would send on unchecked: CR, LF or NUL would let a value inject
    /// header lines. The message names the field, never its value (values carry tokens).
    static func validate(_ request: HTTPRequest) throws(HTTPClientError) {
        let forbidden: Set<UInt8> = [0, 10, 13]
        func fail(_ code: HTTPClientError.Code, _ message: String) -> HTTPClientError {
            HTTPClientError(code: code, method: request.method, url: request.url, message: message)
        }
        if request.url.utf8.contains(where: { forbidden.contains($0) || $0 == 32 }) {
            throw fail(.invalidURL, "invalid URL: contains a space or control character")
        }
        if request.method.isEmpty || request.method.utf8.contains(where: { $0 <= 32 || $0 >= 127 }) {
            throw fail(.other(nil), "invalid method")
        }
        for (index, (name, value)) in request.headers.enumerated() {
            if name.isEmpty || name.utf8.contains(where: { $0 <= 32 || $0 == 58 || $0 >= 127 }) {
                throw fail(.other(nil), "request header #\(index + 1) has an invalid name")
            }
            if value.utf8.contains(where: { forbidden.contains($0) }) {
                throw fail(.other(nil), "request header \(name) has a value with CR, LF or NUL")
            }
        }
    }

    /// The request's headers as a curl list. The caller frees it after the transfer.
    func makeHeaderList(_ request: HTTPRequest) throws(HTTPClientError) -> UnsafeMutablePointer<curl_slist>? {
        var lines = request.headers.map { name, value in
            // "Name:" would tell curl to remove its own header; "Name;" sends it empty.
            value.isEmpty ? "\(name);" : "\(name): \(value)"
        }
        let hasContentType = request.headers.contains { $0.0.lowercased() == "content-type" }
        if request.body != nil && !hasContentType {
            // Otherwise curl labels any body as a form (application/x-www-form-urlencoded).
            lines.append("Content-Type:")
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let extended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw HTTPClientError(code: .other(nil), method: request.method, url: request.url,
                                      message: "out of memory building the header list")
            }
            list = extended
        }
        return list
    }

    /// Sets every option for one transfer on a freshly reset handle.
    func configure(for request: HTTPRequest, headers: UnsafeMutablePointer<curl_slist>?,
                   errorBuffer: UnsafeMutablePointer<CChar>,
                   accumulator: UnsafeMutableRawPointer) throws(HTTPClientError) {
        let writeBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
            data, size, count, context in
            let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(context!).takeUnretainedValue()
            accumulator.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        let writeHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
            data, size, count, context in
            let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(context!).takeUnretainedValue()
            accumulator.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        func check(_ code: CURLcode, _ option: String) throws(HTTPClientError) {
            guard code != CURLE_OK else { return }
            throw HTTPClientError(code: .init(curlCode: code), method: request.method, url: request.url,
                                  message: "libcurl refused \(option) (curl \(code.rawValue): "
                                      + String(cString: curl_easy_strerror(code)) + ")")
        }
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(ccurl_setopt_string(handle, CURLOPT_URL, request.url), "URL")
        try check(ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        try check(ccurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "REDIR_PROTOCOLS_STR")
        // Timeouts use signals unless NOSIGNAL: signals and threads do not mix.
        try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout)),
                  "CONNECTTIMEOUT_MS")
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.totalTimeout)), "TIMEOUT_MS")
        try check(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0), "FOLLOWLOCATION")
        try check(ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, HTTPRequest.maxRedirects), "MAXREDIRS")
        try check(ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), "SSL_VERIFYPEER")
        try check(ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), "SSL_VERIFYHOST")
        // "" offers every encoding libcurl can decode (gzip, deflate) and decodes the body.
        try check(ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(ccurl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, writeBody), "WRITEFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, accumulator), "WRITEDATA")
        try check(ccurl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, writeHeader), "HEADERFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, accumulator), "HEADERDATA")
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers), "HTTPHEADER")

        // A POST without a body still sends `Content-Length: 0`.
        if let body = request.body ?? (request.method == "POST" ? [] : nil) {
            try check(ccurl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                      "POSTFIELDSIZE_LARGE")
            // COPYPOSTFIELDS copies the bytes, so they need not outlive this call.
            let copied = body.isEmpty
                ? ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                : body.withUnsafeBytes { ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(copied, "COPYPOSTFIELDS")
            if request.method != "POST" {
                try check(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method), "CUSTOMREQUEST")
            }
        } else if request.method == "GET" {
            try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1), "HTTPGET")
        } else if request.method == "HEAD" {
            try check(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1), "NOBODY")
        } else {
            try check(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method), "CUSTOMREQUEST")
        }
    }

    /// curl reads 0 as "no timeout", so anything positive rounds up to at least 1 ms.
    static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }
}
