/// The request line and header block of one request, before the body is read.
struct HTTPRequestHead: Equatable {
    enum ParseError: Error, Equatable {
        case malformedRequestLine
        case malformedHeader
        case unsupportedVersion
    }

    var method: String
    var target: String
    /// Minor version of HTTP/1.x: 0 or 1.
    var minorVersion: Int
    var headers: [Header]

    struct Header: Equatable {
        var name: String
        var value: String
    }

    /// Parses the bytes before the blank line (which must not be included).
    init(parsing bytes: ArraySlice<UInt8>) throws(ParseError) {
        var lines = Self.splitLines(bytes)
        guard !lines.isEmpty else { throw .malformedRequestLine }
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, !requestLine[0].isEmpty, !requestLine[1].isEmpty else {
            throw .malformedRequestLine
        }
        switch requestLine[2] {
        case "HTTP/1.1": minorVersion = 1
        case "HTTP/1.0": minorVersion = 0
        default: throw .unsupportedVersion
        }
        method = String(requestLine[0])
        target = String(requestLine[1])
        headers = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(where: { $0 == " " || $0 == "\t" }) else {
                throw .malformedHeader
            }
            let value = line[line.index(after: colon)...].trimmingBlanks()
            headers.append(Header(name: String(line[..<colon]), value: String(value)))
        }
    }

    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The path and the raw query of the target (`/a/b?x=1` → `/a/b`, `x=1`).
    var pathAndQuery: (path: String, rawQuery: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// HTTP/1.1 keeps the connection open unless told otherwise; HTTP/1.0 only when asked.
    var wantsKeepAlive: Bool {
        let tokens = (header("Connection") ?? "").lowercased()
            .split(separator: ",").map { $0.trimmingBlanks() }
        if tokens.contains("close") { return false }
        return minorVersion == 1 || tokens.contains("keep-alive")
    }

    /// Lines split on CRLF (a bare LF is accepted too, as most servers do). Split as bytes:
    /// Swift reads "\r\n" as one Character, so splitting a String on "\n" would miss it.
    private static func splitLines(_ bytes: ArraySlice<UInt8>) -> [Substring] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return Substring(String(decoding: trimmed, as: UTF8.self))
        }
    }
}

extension StringProtocol {
    /// Drops leading and trailing spaces and tabs (HTTP optional whitespace).
    func trimmingBlanks() -> Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
