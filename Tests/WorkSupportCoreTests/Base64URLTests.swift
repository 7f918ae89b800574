import Testing
import TextUtilities

@Suite struct Base64URLTests {
    /// RFC 4648's vectors without padding, and the two characters base64url changes.
    @Test func knownVectorsEncodeAndDecode() {
        let vectors: [(String, String)] = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
                                           ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }

    @Test func everyLengthAndByteRoundTrips() {
        for length in 0...12 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 251) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        let all = (0...255).map(UInt8.init)
        #expect(Base64URL.decode(Base64URL.encode(all)) == all)
    }

    @Test func paddingStandardBase64AndStrayCharactersAreRefused() {
        for text in ["Zg==", "Zm8=", "+_8", "/_8", "Z", "Zm9vY", "Zm*v", "Zm9v\n"] {
            #expect(Base64URL.decode(text) == nil, "\(text.debugDescription)")
        }
    }
}
