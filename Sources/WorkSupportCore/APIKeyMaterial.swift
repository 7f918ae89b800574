import FoundationEssentials

/// A new API key and what is stored of it: only a hash and a short prefix that tells keys apart.
public struct APIKeyMaterial: Sendable {
    /// Shown to the user once, never stored.
    public let key: String
    public let prefix: String
    public let hash: String

    /// 32 random bytes from the system CSPRNG (getrandom), URL-safe base64, behind `wsk_`.
    public static func generate() -> APIKeyMaterial {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacing("+", with: "-")
            .replacing("/", with: "_")
            .replacing("=", with: "")
        let key = "wsk_" + encoded
        return APIKeyMaterial(key: key, prefix: String(key.prefix(12)), hash: hash(of: key))
    }

    public static func hash(of key: String) -> String { SecretDigest.sha256Hex(key) }
}
