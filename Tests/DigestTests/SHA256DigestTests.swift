import Digest
import Testing

/// Known-answer tests: FIPS 180-2 for SHA-256, RFC 4231 for HMAC-SHA256.
@Suite struct SHA256DigestTests {
    @Test func sha256KnownAnswers() {
        #expect(SHA256Digest.hash([]).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hash(Array("abc".utf8)).hexString
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256Digest.hash(million).hexString
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmacRFC4231Cases() {
        // Test case 2: a short key.
        #expect(SHA256Digest.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)).hexString
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: a key longer than the block size is hashed first.
        let key = [UInt8](repeating: 0xaa, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(SHA256Digest.hmac(key: key, message: message).hexString
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(SHA256Digest.hmac(key: [], message: []).count == 32)
    }

    @Test func verificationComparesWholeMACs() {
        let mac = SHA256Digest.hmac(key: Array("k".utf8), message: Array("body".utf8))
        #expect(SHA256Digest.isValidHMAC(mac, key: Array("k".utf8), message: Array("body".utf8)))
        var flipped = mac
        flipped[31] ^= 1
        #expect(!SHA256Digest.isValidHMAC(flipped, key: Array("k".utf8), message: Array("body".utf8)))
        #expect(!SHA256Digest.isValidHMAC(Array(mac.prefix(16)), key: Array("k".utf8), message: Array("body".utf8)))
        #expect(!SHA256Digest.constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(SHA256Digest.constantTimeEquals([], []))
    }
}
