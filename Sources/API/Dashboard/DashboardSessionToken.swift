import TextUtilities
import WorkSupportCore

/// The secrets of the dashboard's cookies: a session token (the cookie), its SHA-256 (what
/// `ui_sessions` stores) and the CSRF token derived from it (what every form carries), so a
/// form's token is valid for its own session only and nothing more is stored.
struct DashboardSessionToken: Equatable {
    static let sessionCookie = "ws_session"
    /// The login form's double-submit token (no session exists yet to tie it to).
    static let loginCookie = "ws_login"
    static let lifetimeSeconds = 12 * 3600

    let value: String

    /// 32 random bytes from the system CSPRNG, as hex.
    static func random() -> DashboardSessionToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return DashboardSessionToken(value: hex(bytes))
    }

    /// What `ui_sessions.token_hash` holds.
    var hash: String { SecretDigest.sha256Hex(value) }

    var csrfToken: String { SecretDigest.sha256Hex("csrf:" + value) }

    /// Whether `presented` is this session's CSRF token (constant time).
    func acceptsCSRF(_ presented: String?) -> Bool {
        guard let presented else { return false }
        return SecretDigest.constantTimeEquals(Array(presented.utf8), Array(csrfToken.utf8))
    }

    /// A token as it came in a cookie: 64 lowercase hex digits, else nil (refused unread).
    init?(cookie: String?) {
        guard let cookie, cookie.utf8.count == 64,
              cookie.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        value = cookie
    }

    private init(value: String) { self.value = value }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}

extension APIRequest {
    /// The value of the cookie `name` from the `Cookie` header(s).
    func cookie(_ name: String) -> String? {
        var found: String?
        for field in headerFields where field.name == "cookie" {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces() == name else { continue }
                found = parts[1].trimmingSpaces()
            }
        }
        return found
    }
}
