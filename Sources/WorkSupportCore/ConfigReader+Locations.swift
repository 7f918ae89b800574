/// Typed readers for values that locate something: web service URLs and the API socket path.
extension ConfigReader {
    /// An `http://` or `https://` URL with a host; trailing slashes are dropped so callers can
    /// append paths.
    mutating func httpURL(_ key: String, _ presence: Presence) -> String? {
        guard let value = lookup(key, presence) else { return nil }
        let text = value.text
        let lowercased = text.lowercased()
        guard let scheme = ["http://", "https://"].first(where: { lowercased.hasPrefix($0) }) else {
            reportInvalid(.invalidURL, key: key, value: value, "not an http(s) URL: '\(text)'")
            return nil
        }
        guard !text.contains(where: \.isWhitespace), Self.hasValidHost(text.dropFirst(scheme.count)) else {
            reportInvalid(.invalidURL, key: key, value: value, "not an http(s) URL with a host: '\(text)'")
            return nil
        }
        var normalized = Substring(text)
        while normalized.hasSuffix("/") { normalized = normalized.dropLast() }
        record(key, String(normalized), value.origin)
        return String(normalized)
    }

    /// Checks `[userinfo@]host[:port]` up to the first `/`, `?` or `#`.
    private static func hasValidHost(_ afterScheme: Substring) -> Bool {
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        var host = hostAndPort
        var port: Substring? = nil
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return false }
            host = hostAndPort[...close]
            let rest = hostAndPort[hostAndPort.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                port = rest.dropFirst()
            }
        } else if let colon = hostAndPort.firstIndex(of: ":") {
            host = hostAndPort[..<colon]
            port = hostAndPort[hostAndPort.index(after: colon)...]
        }
        guard host.count > (host.hasPrefix("[") ? 2 : 0) else { return false }
        if let port {
            guard let number = Int(port), port.allSatisfy(\.isNumber), (1...65535).contains(number) else {
                return false
            }
        }
        return true
    }

    /// An absolute path that fits in `sockaddr_un.sun_path` (108 bytes with the terminating NUL).
    mutating func unixSocketPath(_ key: String, default fallback: String) -> String {
        guard let value = lookup(key, .defaulted(fallback)) else { return fallback }
        guard value.text.hasPrefix("/") else {
            reportInvalid(.invalidPath, key: key, value: value, "expected an absolute path, got '\(value.text)'")
            return fallback
        }
        guard value.text.utf8.count <= 107 else {
            reportInvalid(.invalidPath, key: key, value: value,
                          "a unix socket path may be at most 107 bytes, got \(value.text.utf8.count)")
            return fallback
        }
        record(key, value.text, value.origin)
        return value.text
    }
}
