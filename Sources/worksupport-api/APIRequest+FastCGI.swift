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
        var method = "GET", requestURI: String?, documentURI: String?, query = "", remoteAddress: String?
        var contentType: String?, contentLength: String?, overTLS = false
        var headers: [(name: String, value: String)] = []  // most requests carry two or three
        // One pass, each name compared only with those of its length; a repeated name's last
        // value wins, as with the lookups by name.
        params.forEach { name, bytes in
            let value = { String(decoding: bytes, as: UTF8.self) }
            if FastCGIParams.name(name, hasPrefix: "HTTP_") {
                headers.append((Self.headerName(fromParam: UnsafeBufferPointer(rebasing: name[5...])), value()))
                return
            }
            switch name.count {
            case 5:
                if FastCGIParams.name(name, is: "HTTPS") { overTLS = overTLS || value().lowercased() == "on" }
            case 11:
                if FastCGIParams.name(name, is: "REQUEST_URI") { requestURI = value() }
                else if FastCGIParams.name(name, is: "REMOTE_ADDR") { remoteAddress = value() }
            case 12:
                if FastCGIParams.name(name, is: "QUERY_STRING") { query = value() }
                else if FastCGIParams.name(name, is: "DOCUMENT_URI") { documentURI = value() }
                else if FastCGIParams.name(name, is: "CONTENT_TYPE") { contentType = value() }
            case 14:
                if FastCGIParams.name(name, is: "REQUEST_METHOD") { method = value() }
                else if FastCGIParams.name(name, is: "CONTENT_LENGTH") { contentLength = value() }
                else if FastCGIParams.name(name, is: "REQUEST_SCHEME") { overTLS = overTLS || value() == "https" }
            default:
                break
            }
        }
        // Not HTTP_* in CGI: the body's type and length have their own variables.
        if let contentType, !contentType.isEmpty { headers.append(("content-type", contentType)) }
        if let contentLength, !contentLength.isEmpty { headers.append(("content-length", contentLength)) }
        let path: String
        if let requestURI, requestURI.hasPrefix("/") {
            path = String(requestURI.prefix { $0 != "?" })
        } else {
            path = documentURI ?? "/"
        }
        self.init(method: method, path: path.isEmpty ? "/" : path, rawQuery: query, headerFields: headers,
                  body: [], remoteAddress: remoteAddress)
        self.overTLS = overTLS
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
