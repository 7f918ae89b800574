/// A JSON object that keeps its members in insertion order (as jansson does, and as payloads are
/// written) and still looks a key up in constant time. Small objects (most of them: an API
/// response builds thousands) are searched linearly and pay for no hash table at all.
///
/// Equality and hashing ignore member order: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same
/// JSON value. Setting an existing key replaces its value in place; setting it to nil removes it.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: JSONValue)

    public private(set) var keys: [String] = []
    public private(set) var values: [JSONValue] = []
    /// Key → index, kept only while the object has more than `indexThreshold` members.
    private var positions: [String: Int] = [:]
    private static let indexThreshold = 12

    public init() {}

    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        if minimumCapacity > Self.indexThreshold { positions.reserveCapacity(minimumCapacity) }
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

    private func position(of key: String) -> Int? {
        keys.count > Self.indexThreshold ? positions[key] : keys.firstIndex(of: key)
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                    return
                }
                keys.append(key)
                values.append(newValue)
                if keys.count == Self.indexThreshold + 1 {
                    for (index, key) in keys.enumerated() { positions[key] = index }
                } else if keys.count > Self.indexThreshold {
                    positions[key] = keys.count - 1
                }
            } else if let position = position(of: key) {
                keys.remove(at: position)
                values.remove(at: position)
                if keys.count > Self.indexThreshold {
                    positions.removeValue(forKey: key)
                    for index in position..<keys.count { positions[keys[index]] = index }
                } else {
                    positions = [:]
                }
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
