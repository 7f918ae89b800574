import COpenSSL

/// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto, and its constant-time comparison. libpq
/// loads libcrypto anyway, so this costs the processes no extra library.
public enum SHA256Digest {
    public static let byteCount = Int(SHA256_DIGEST_LENGTH)

    /// Through the low-level SHA256_* functions, not EVP: the API hashes every presented key,
    /// and EVP's provider loading would grow each worker (HMAC, for webhooks only,
    /// does go through EVP).
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var context = SHA256_CTX()
        SHA256_Init(&context)
        withNonNullBytes(bytes) { input, count in _ = SHA256_Update(&context, input, count) }
        SHA256_Final(&digest, &context)
        return digest
    }

    /// HMAC-SHA256 of `message` under `key`.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        withNonNullBytes(key) { keyBytes, keyCount in
            withNonNullBytes(message) { messageBytes, messageCount in
                // NULL only when the digest is unknown or memory runs out.
                let result = HMAC(EVP_sha256(), keyBytes, Int32(keyCount), messageBytes, messageCount, &digest, &length)
                precondition(result != nil && Int(length) == byteCount, "OpenSSL HMAC-SHA256 failed")
            }
        }
        return digest
    }

    /// True when `mac` is the HMAC-SHA256 of `message` under `key`; compared in constant time.
    public static func isValidHMAC(_ mac: [UInt8], key: [UInt8], message: [UInt8]) -> Bool {
        constantTimeEquals(mac, hmac(key: key, message: message))
    }

    /// Compares without an early exit (`CRYPTO_memcmp`), so timing does not reveal how much of
    /// a secret matched. Different lengths are unequal: lengths are not secret.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
        }
    }

    /// OpenSSL wants a real pointer even for empty input; an empty array may have none.
    private static func withNonNullBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        if bytes.isEmpty {
            let zero: UInt8 = 0
            return withUnsafePointer(to: zero) { body($0, 0) }
        }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex digits of the bytes.
    public var hexString: String {
        let bytes = Array(self)
        // Written in place: an API key is hashed on every request.
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = Self.hexDigit(byte >> 4)
                out[2 * index + 1] = Self.hexDigit(byte & 0xf)
            }
            return bytes.count * 2
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}
