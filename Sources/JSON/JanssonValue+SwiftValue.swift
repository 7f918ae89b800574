import CJansson

// jansson → Swift without recursion: an explicit stack of open containers, so the deepest input
// jansson accepts costs heap, not the (possibly small) stack of the calling thread.
extension JanssonValue {
    func swiftValue() -> JSONValue {
        guard let root = OpenContainer(pointer) else { return Self.scalar(pointer) }
        var open = [root]
        while true {
            let top = open.count - 1
            if let child = open[top].nextChild() {
                if let container = OpenContainer(child) {
                    open.append(container)
                } else {
                    open[top].add(Self.scalar(child))
                }
            } else {
                let finished = open.removeLast().value
                if open.isEmpty { return finished }
                open[open.count - 1].add(finished)
            }
        }
    }

    static func scalar(_ json: UnsafeMutablePointer<json_t>) -> JSONValue {
        switch JanssonKind(of: json) {
        case .string: return .string(string(json_string_value(json), length: json_string_length(json)))
        case .integer: return .int(json_integer_value(json))
        case .real: return .double(json_real_value(json))
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null, .object, .array: return .null
        }
    }

    /// jansson has already validated the UTF-8, and counts bytes so embedded NULs survive.
    static func string(_ start: UnsafePointer<CChar>?, length: Int) -> String {
        guard let start else { return "" }
        return start.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}

/// An array or object whose children are being converted.
private struct OpenContainer {
    private let json: UnsafeMutablePointer<json_t>
    private let isObject: Bool
    private var arrayIndex = 0
    private var objectIterator: UnsafeMutableRawPointer?
    private var pendingKey = ""
    private var elements: [JSONValue] = []
    private var members = JSONObject()

    init?(_ json: UnsafeMutablePointer<json_t>) {
        switch JanssonKind(of: json) {
        case .array:
            isObject = false
            elements.reserveCapacity(json_array_size(json))
        case .object:
            isObject = true
            objectIterator = json_object_iter(json)
            members = JSONObject(minimumCapacity: json_object_size(json))
        default:
            return nil
        }
        self.json = json
    }

    /// The next child to convert; for objects, also remembers its key for `add`.
    mutating func nextChild() -> UnsafeMutablePointer<json_t>? {
        if isObject {
            guard let iterator = objectIterator else { return nil }
            pendingKey = JanssonValue.string(json_object_iter_key(iterator),
                                             length: json_object_iter_key_len(iterator))
            objectIterator = json_object_iter_next(json, iterator)
            return json_object_iter_value(iterator)
        }
        guard arrayIndex < json_array_size(json) else { return nil }
        defer { arrayIndex += 1 }
        return json_array_get(json, arrayIndex)
    }

    mutating func add(_ child: JSONValue) {
        if isObject {
            members[pendingKey] = child
        } else {
            elements.append(child)
        }
    }

    var value: JSONValue {
        isObject ? .object(members) : .array(elements)
    }
}
