import Digest

/// SHA-256 and constant-time comparison (OpenSSL, through `Digest`), for API keys and
/// migration checksums.
public enum SecretDigest {
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        SHA256Digest.hash(Array(bytes)).hexString
    }

    public static func sha256Hex(_ text: String) -> String { sha256Hex(Array(text.utf8)) }

    /// Compares without an early exit, so timing does not reveal how much of a secret matched.
    public static func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        SHA256Digest.constantTimeEquals(Array(lhs), Array(rhs))
    }
}
