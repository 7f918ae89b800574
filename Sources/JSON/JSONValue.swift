/// A JSON document as a Swift value: what the harvester reads from Jira/GitHub, what the API writes.
///
/// Integers and reals stay distinct (`1` is `.int(1)`, `1.0` is `.double(1)`) so that a round trip
/// through `parse` and `serialized()` reproduces the text's numbers.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}
