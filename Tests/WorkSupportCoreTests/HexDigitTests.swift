import Testing
import TextUtilities

@Suite struct HexDigitTests {
    /// Every byte: the digits of both cases have their value, nothing else has one.
    @Test func everyByteAgainstIntParsing() {
        for byte in UInt8.min...UInt8.max {
            let scalar = Unicode.Scalar(byte)
            let expected = byte < 0x80 ? Int(String(scalar), radix: 16).map(UInt8.init) : nil
            #expect(HexDigit.value(byte) == expected, "byte \(byte)")
        }
    }
}
