/// Collects what libcurl's callbacks deliver during one transfer. Passed to C as an
/// unretained pointer; the caller keeps it alive for the duration of `curl_easy_perform`.
final class ResponseAccumulator {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []

    /// One raw header line as curl delivers it, CRLF included.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        while let last = line.last, last == "\r\n" || last == "\n" || last == "\r" { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            // A new status line: an interim 1xx or a redirect hop. Only the final response counts.
            headers = []
        } else if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
            // Obsolete line folding: continues the previous value.
            headers[headers.count - 1].value += " " + line.trimmingBlanks()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingBlanks()
            headers.append((name: name, value: value))
        }
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP optional whitespace).
    func trimmingBlanks() -> String {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
