import Digest
import FoundationEssentials
import TextUtilities

/// Checks a `sha256=<hex>` signature header (GitHub's `X-Hub-Signature-256`, Jira's
/// `X-Hub-Signature`): HMAC-SHA256 of the exact body bytes under any of the accepted secrets
/// (the current one and, during a rotation, the previous one), compared in constant time
/// (OpenSSL, through `Digest`).
public enum WebhookSignature {
    static let prefix = "sha256="

    /// - Throws: 401 `invalid_signature` when the header is missing, malformed or matches no secret.
    static func verify(_ body: [UInt8], header: String?, headerName: String, secrets: [String]) throws(APIError) {
        guard let header else {
            throw APIError(.invalidSignature, "the \(headerName) header is missing; configure the webhook with its secret")
        }
        let trimmed = header.trimmingSpaces()
        guard trimmed.lowercased().hasPrefix(prefix), let mac = hexBytes(trimmed.dropFirst(prefix.count)),
              mac.count == SHA256Digest.byteCount else {
            throw APIError(.invalidSignature, "the \(headerName) header must be sha256=<64 hex digits>")
        }
        for secret in secrets where !secret.isEmpty {
            if SHA256Digest.isValidHMAC(mac, key: Array(secret.utf8), message: body) { return }
        }
        throw APIError(.invalidSignature, "the \(headerName) signature does not match the body under the configured secret")
    }

    /// `sha256=<hex>` of `body` under `secret`; for senders and tests.
    public static func sign(_ body: [UInt8], secret: String) -> String {
        prefix + SHA256Digest.hmac(key: Array(secret.utf8), message: body).hexString
    }

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for char in text.utf8 {
            guard let value = HexDigit.value(char) else { return nil }
            if let first = high { bytes.append(first << 4 | value); high = nil } else { high = value }
        }
        return bytes
    }
}
