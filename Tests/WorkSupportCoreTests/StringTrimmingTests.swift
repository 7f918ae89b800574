import Digest
import Testing
import TextUtilities

@Suite struct StringTrimmingTests {
    /// The shortcut for values with nothing to trim gives what the Character walk gives.
    @Test(arguments: [
        ("key", "key"), (" key\t", "key"), ("\tk e y ", "k e y"), ("   ", ""), ("", ""),
        ("\u{00A0}key\u{2003}", "key"), ("ключ", "ключ"), ("key\n", "key\n"), ("a", "a"),
    ])
    func trimsSpacesAndTabsOnly(input: String, expected: String) {
        #expect(input.trimmingSpaces() == expected)
        #expect(input[...].trimmingSpaces() == expected)
    }

    /// Every byte's two digits, lower case, in order.
    @Test func hexStringOfEveryByte() {
        let bytes = Array(UInt8.min...UInt8.max)
        let expected = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(bytes.hexString == expected)
        #expect([UInt8]().hexString == "")
    }
}
