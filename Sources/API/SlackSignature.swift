import Digest
import FoundationEssentials
import TextUtilities

/// Checks Slack's request signing: `X-Slack-Signature: v0=<hex>`, the HMAC-SHA256 of
/// `v0:{X-Slack-Request-Timestamp}:{body}` under the signing secret, compared in constant time
/// (OpenSSL, through `Digest`). A timestamp more than five minutes from now is refused, so a
/// captured request cannot be replayed later.
public enum SlackSignature {
    static let version = "v0"
    public static let allowedSkewSeconds: Int64 = 300

    /// - Throws: 401 `invalid_signature` for a missing, malformed, stale or wrong signature.
    static func verify(_ body: [UInt8], timestamp: String?, signature: String?, secret: String,
                       now: Int64) throws(APIError) {
        guard let timestamp = timestamp?.trimmingSpaces(), let seconds = Int64(timestamp) else {
            throw APIError(.invalidSignature, "the X-Slack-Request-Timestamp header is missing or not a number of seconds")
        }
        guard abs(now - seconds) <= allowedSkewSeconds else {
            throw APIError(.invalidSignature, "the X-Slack-Request-Timestamp is more than 5 minutes from this server's clock "
                + "(a replayed request, or a clock to fix)")
        }
        guard let signature = signature?.trimmingSpaces() else {
            throw APIError(.invalidSignature, "the X-Slack-Signature header is missing; configure the app's signing secret")
        }
        let prefix = version + "="
        guard signature.hasPrefix(prefix), let mac = WebhookSignature.hexBytes(signature.dropFirst(prefix.count)),
              mac.count == SHA256Digest.byteCount else {
            throw APIError(.invalidSignature, "the X-Slack-Signature header must be v0=<64 hex digits>")
        }
        guard SHA256Digest.isValidHMAC(mac, key: Array(secret.utf8), message: signedBytes(timestamp, body)) else {
            throw APIError(.invalidSignature, "the X-Slack-Signature does not match the body under the configured signing secret")
        }
    }

    /// `v0=<hex>` for `body` sent at `timestamp`; for senders and tests.
    public static func sign(_ body: [UInt8], timestamp: String, secret: String) -> String {
        version + "=" + SHA256Digest.hmac(key: Array(secret.utf8), message: signedBytes(timestamp, body)).hexString
    }

    static func signedBytes(_ timestamp: String, _ body: [UInt8]) -> [UInt8] {
        Array("\(version):\(timestamp):".utf8) + body
    }
}
