import JSON

/// Removes what people wrote from a Slack payload before it is stored raw: every `text` and
/// `blocks`, and of attachments and files everything but a few ids and sizes. What stays is
/// metadata (ids, timestamps, types, thread structure, reactions).
public enum SlackPayloadRedaction {
    static let removedEverywhere: Set<String> = ["text", "blocks"]
    static let keptOfAttachment: Set<String> = ["id", "ts", "channel_id", "author_id", "is_share", "is_msg_unfurl", "color"]
    static let keptOfFile: Set<String> = ["id", "created", "user", "filetype", "size", "mode"]

    /// An Events API body: also without its top-level `token` (the app's verification token, a
    /// credential; requests are authenticated by signature here).
    public static func redacted(eventBody value: JSONValue) -> JSONValue {
        guard case .object(let object) = redacted(value) else { return redacted(value) }
        var out = JSONObject(minimumCapacity: object.count)
        for (key, child) in object where key != "token" { out[key] = child }
        return .object(out)
    }

    public static func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out = JSONObject(minimumCapacity: object.count)
            for (key, child) in object where !removedEverywhere.contains(key) {
                switch key {
                case "attachments": out[key] = keeping(keptOfAttachment, of: child)
                case "files": out[key] = keeping(keptOfFile, of: child)
                default: out[key] = redacted(child)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { redacted($0) })
        default:
            return value
        }
    }

    /// Each object of `list` with only the `kept` keys whose values are not objects or arrays.
    static func keeping(_ kept: Set<String>, of list: JSONValue) -> JSONValue {
        guard let items = list.arrayValue else { return .array([]) }
        return .array(items.map { item in
            var out = JSONObject()
            for (key, child) in item.objectValue ?? [:] where kept.contains(key) {
                if case .object = child { continue }
                if case .array = child { continue }
                out[key] = child
            }
            return .object(out)
        })
    }
}
