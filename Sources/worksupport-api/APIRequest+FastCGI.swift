import API
import FastCGI

extension APIRequest {
    /// The API's view of a FastCGI request, without the body. Works with Debian's stock
    /// `fastcgi_params` as well as with the shipped site file.
    ///
    /// The path comes from REQUEST_URI (minus the query) because `APIRequest.path` is still
    /// percent-encoded: nginx's DOCUMENT_URI is decoded, which would turn a GitHub key
    /// `owner%2Frepo%231` into extra path segments. DOCUMENT_URI is the fallback when
    /// REQUEST_URI is missing or not origin-form.
    init(fastCGIParams params: FastCGIParams) {
        let path: String
        if let requestURI = params["REQUEST_URI"], requestURI.hasPrefix("/") {
            path = String(requestURI.prefix { $0 != "?" })
        } else {
            path = params["DOCUMENT_URI"] ?? "/"
        }
        var headers: [String: String] = Dictionary(minimumCapacity: 16)
        params.forEach(withPrefix: "HTTP_") { name, value in
            headers[Self.headerName(fromParam: name)] = value
        }
        // Not HTTP_* in CGI: the body's type and length have their own variables.
        if let type = params["CONTENT_TYPE"], !type.isEmpty { headers["content-type"] = type }
        if let length = params["CONTENT_LENGTH"], !length.isEmpty { headers["content-length"] = length }
        self.init(method: params["REQUEST_METHOD"] ?? "GET", path: path.isEmpty ? "/" : path,
                  rawQuery: params["QUERY_STRING"] ?? "", headers: headers, body: [],
                  remoteAddress: params["REMOTE_ADDR"])
    }

    /// `X_API_KEY` → `x-api-key` (ASCII letters lowercased, `_` made `-`, other bytes kept).
    static func headerName(fromParam name: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: name.count) { out in
            for (index, byte) in name.enumerated() {
                switch byte {
                case UInt8(ascii: "_"): out[index] = UInt8(ascii: "-")
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): out[index] = byte + 32
                default: out[index] = byte
                }
            }
            return name.count
        }
    }
}
