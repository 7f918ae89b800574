import JSON
import Testing

@Suite struct JSONObjectTests {
    /// Small objects search linearly, large ones through an index: lookups, replacement and
    /// removal must agree on both sides of the switch.
    @Test func membersStayReachableAcrossTheIndexThreshold() {
        var object = JSONObject()
        for index in 0..<40 {
            object["k\(index)"] = .int(Int64(index))
            for probe in 0...index { #expect(object["k\(probe)"] == .int(Int64(probe))) }
        }
        object["k5"] = .string("five")
        #expect(object.keys[5] == "k5" && object["k5"] == .string("five"))
        for index in stride(from: 39, through: 0, by: -3) { object["k\(index)"] = nil }
        #expect(object.count == 26)
        for index in 0..<40 {
            let expected: JSONValue? = index % 3 == 0 ? nil : (index == 5 ? .string("five") : .int(Int64(index)))
            #expect(object["k\(index)"] == expected)
        }
        #expect(object.keys == (0..<40).filter { $0 % 3 != 0 }.map { "k\($0)" })
    }

    @Test func settingExistingKeyKeepsItsPosition() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["b"] == "two")
    }

    @Test func settingNilRemovesKeyAndLaterKeysStayReachable() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object["c"] == 3)
        #expect(object["a"] == nil)
        object["d"] = 4
        #expect(object.map(\.key) == ["b", "c", "d"])
    }

    @Test func repeatedKeyInPairsKeepsFirstPositionAndLastValue() {
        let object = JSONObject([("x", 1), ("y", 2), ("x", 3)])
        #expect(object.keys == ["x", "y"])
        #expect(object["x"] == 3)
        #expect(object.count == 2)
    }

    @Test func equalityAndHashIgnoreMemberOrder() {
        let first: JSONObject = ["a": 1, "b": [true, nil]]
        let second: JSONObject = ["b": [true, nil], "a": 1]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != ["a": 1, "b": [true]])
    }

    @Test func duplicateKeysInParsedTextKeepLastValue() throws {
        let value = try JSONValue.parse(#"{"k":1,"other":0,"k":2}"#)
        #expect(value["k"] == 2)
        #expect(value.objectValue?.count == 2)
    }
}
