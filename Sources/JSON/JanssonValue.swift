import CJansson

/// Owns one reference to a jansson value and drops it when the Swift side is done with it,
/// so that every exit path of parsing or serializing frees the C tree.
final class JanssonValue {
    let pointer: UnsafeMutablePointer<json_t>

    /// Takes over a new reference (as returned by `json_loadb`, `json_array()`, …).
    init(taking pointer: UnsafeMutablePointer<json_t>) {
        self.pointer = pointer
    }

    deinit {
        cj_decref(pointer)
    }
}

/// The kinds jansson distinguishes, read through the shim because `json_typeof` is a macro.
enum JanssonKind {
    case object, array, string, integer, real, `true`, `false`, null

    init(of json: UnsafePointer<json_t>) {
        switch UInt32(cj_typeof(json)) {
        case JSON_OBJECT.rawValue: self = .object
        case JSON_ARRAY.rawValue: self = .array
        case JSON_STRING.rawValue: self = .string
        case JSON_INTEGER.rawValue: self = .integer
        case JSON_REAL.rawValue: self = .real
        case JSON_TRUE.rawValue: self = .true
        case JSON_FALSE.rawValue: self = .false
        default: self = .null
        }
    }
}
