import CJansson

// Swift → jansson without recursion, for the same reason as the conversion the other way.
extension JanssonValue {
    /// Values nested deeper than this are refused: jansson's encoder recurses on the C stack.
    /// Twice the parser's limit, so a parsed document can still be wrapped in a few envelopes.
    static let maximumBuildDepth = 2 * Int(JSON_PARSER_MAX_DEPTH)

    /// Builds the jansson tree for `value`; nil when jansson runs out of memory.
    /// Non-finite doubles, which JSON cannot represent, become null.
    convenience init?(building value: JSONValue) {
        guard let root = Self.makeNode(value) else { return nil }
        self.init(taking: root)
        var pending: [PendingContainer] = []
        if let container = PendingContainer(value, json: root) { pending.append(container) }
        while let top = pending.indices.last {
            guard let child = pending[top].nextChild() else {
                pending.removeLast()
                continue
            }
            guard let node = Self.makeNode(child.value), pending[top].attach(node, key: child.key) else {
                return nil
            }
            if let container = PendingContainer(child.value, json: node) {
                precondition(pending.count < Self.maximumBuildDepth,
                             "JSONValue nested deeper than \(Self.maximumBuildDepth) levels cannot be serialized")
                pending.append(container)
            }
        }
    }

    /// A new, empty container or a finished scalar.
    private static func makeNode(_ value: JSONValue) -> UnsafeMutablePointer<json_t>? {
        switch value {
        case .null: return json_null()
        case .bool(let flag): return flag ? json_true() : json_false()
        case .int(let number): return json_integer(number)
        case .double(let number): return number.isFinite ? json_real(number) : json_null()
        case .string(let text): return makeString(text)
        case .array: return json_array()
        case .object: return json_object()
        }
    }

    static func makeString(_ text: String) -> UnsafeMutablePointer<json_t>? {
        // Swift strings are valid UTF-8 already, so skip jansson's check.
        withUTF8Bytes(text) { json_stringn_nocheck($0, $1) }
    }
}

/// The UTF-8 bytes of `text` with their length, never a NULL pointer (jansson rejects NULL even
/// for length 0); embedded NULs are kept because the length is passed.
private func withUTF8Bytes<Result>(_ text: String, _ body: (UnsafePointer<CChar>, Int) -> Result) -> Result {
    var text = text
    return text.withUTF8 { utf8 in
        guard let start = utf8.baseAddress else {
            let empty: CChar = 0
            return withUnsafePointer(to: empty) { body($0, 0) }
        }
        return start.withMemoryRebound(to: CChar.self, capacity: utf8.count) { body($0, utf8.count) }
    }
}

/// An array or object whose children still have to be created and attached.
private struct PendingContainer {
    private let json: UnsafeMutablePointer<json_t>
    private let elements: [JSONValue]
    private let members: JSONObject?
    private var index = 0

    init?(_ value: JSONValue, json: UnsafeMutablePointer<json_t>) {
        switch value {
        case .array(let elements):
            self.elements = elements
            self.members = nil
        case .object(let members):
            self.elements = members.values
            self.members = members
        default:
            return nil
        }
        self.json = json
    }

    mutating func nextChild() -> (key: String?, value: JSONValue)? {
        guard index < elements.count else { return nil }
        defer { index += 1 }
        return (members?.keys[index], elements[index])
    }

    /// Hands `node` (a new reference) to the container; false when jansson could not take it.
    func attach(_ node: UnsafeMutablePointer<json_t>, key: String?) -> Bool {
        guard let key else { return json_array_append_new(json, node) == 0 }
        return withUTF8Bytes(key) { json_object_setn_new_nocheck(json, $0, $1, node) == 0 }
    }
}
