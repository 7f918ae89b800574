internal import CCurl

extension HTTPClientError.Code {
    /// Groups curl's error numbers into what a caller decides on (retry, give up, fix config).
    init(curlCode: CURLcode) {
        switch curlCode {
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout
        case CURLE_COULDNT_CONNECT:
            self = .connectionRefused
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .dnsFailure
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            self = .tls
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE,
             CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY:
            self = .network
        case CURLE_TOO_MANY_REDIRECTS:
            self = .tooManyRedirects
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            self = .invalidURL
        default:
            self = .other(Int32(bitPattern: curlCode.rawValue))
        }
    }

    /// The first words of the error message.
    func summary(elapsedSeconds: Double) -> String {
        switch self {
        case .timeout:
            // One decimal is what a reader compares with the configured timeout.
            "timeout after \((elapsedSeconds * 10).rounded() / 10) s"
        case .connectionRefused: "connection refused"
        case .dnsFailure: "could not resolve host"
        case .tls: "TLS failure"
        case .network: "connection failed mid-exchange"
        case .tooManyRedirects: "more than \(HTTPRequest.maxRedirects) redirects"
        case .invalidURL: "invalid URL"
        case .other: "request failed"
        }
    }
}

extension HTTPClientError {
    /// An error for a failed `curl_easy_perform`; `detail` is curl's error buffer (may be empty).
    init(curlCode: CURLcode, detail: String, elapsedSeconds: Double, request: HTTPRequest) {
        let code = Code(curlCode: curlCode)
        let explanation = detail.isEmpty ? String(cString: curl_easy_strerror(curlCode)) : detail
        self.init(code: code, method: request.method, url: request.url,
                  message: "\(code.summary(elapsedSeconds: elapsedSeconds)) (curl \(curlCode.rawValue): \(explanation))")
    }
}
