/// A JSON object that keeps its members in insertion order (as jansson does, and as payloads are
/// written) and still looks a key up in constant time.
///
/// Equality and hashing ignore member order: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same
/// JSON value. Setting an existing key replaces its value in place; setting it to nil removes it.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: JSONValue)

    public private(set) var keys: [String] = []
    public private(set) var values: [JSONValue] = []
    private var positions: [String: Int] = [:]

    public init() {}

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        positions.reserveCapacity(minimumCapacity)
    }

    /// Members in the given order; a repeated key keeps its first position and its last value.
    public init(_ members: [(String, JSONValue)]) {
        self.init(minimumCapacity: members.count)
        for (key, value) in members { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> JSONValue? {
        get { positions[key].map { values[$0] } }
        set {
            if let newValue {
                if let position = positions[key] {
                    values[position] = newValue
                } else {
                    positions[key] = keys.count
                    keys.append(key)
                    values.append(newValue)
                }
            } else if let position = positions.removeValue(forKey: key) {
                keys.remove(at: position)
                values.remove(at: position)
                for index in position..<keys.count { positions[keys[index]] = index }
            }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(object: self)
    }

    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var index = 0

        fileprivate init(object: JSONObject) { self.object = object }

        public mutating func next() -> Element? {
            guard index < object.keys.count else { return nil }
            defer { index += 1 }
            return (object.keys[index], object.values[index])
        }
    }

    public var underestimatedCount: Int { keys.count }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs where rhs[key] != value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, matching ==: sum the members' own hashes.
        var membersHash = 0
        for (key, value) in self {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            membersHash &+= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(membersHash)
    }
}
