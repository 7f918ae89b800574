import JSON

/// What an Events API `event_callback` asks the store to do. Message events carry the message's
/// metadata only; edits and deletions name the message they change.
public enum SlackEvent: Sendable, Equatable {
    /// A new message (or reply) in `channel`.
    case message(channel: String, SlackMessageMetadata)
    /// `message_changed`: the message as it is now.
    case messageChanged(channel: String, SlackMessageMetadata)
    /// `message_deleted`: the message `ts` is gone.
    case messageDeleted(channel: String, ts: String)
    case reactionAdded(channel: String, ts: String, name: String, user: String)
    case reactionRemoved(channel: String, ts: String, name: String, user: String)
    /// Anything else (channel joins, other subtypes, other event types): stored, not applied.
    case other(reason: String)

    /// Reads the `event` object of an `event_callback` body.
    public init(event: JSONValue) {
        let type = event["type"]?.stringValue ?? ""
        switch type {
        case "message":
            guard let channel = event["channel"]?.stringValue else { self = .other(reason: "a message event without a channel"); return }
            switch event["subtype"]?.stringValue {
            case nil, "bot_message", "thread_broadcast", "me_message", "file_share":
                guard let metadata = SlackMessageMetadata(message: event) else {
                    self = .other(reason: "a message event without a ts"); return
                }
                self = .message(channel: channel, metadata)
            case "message_changed":
                guard let message = event["message"], let metadata = SlackMessageMetadata(message: message) else {
                    self = .other(reason: "a message_changed event without the message"); return
                }
                self = .messageChanged(channel: channel, metadata)
            case "message_deleted":
                guard let ts = event["deleted_ts"]?.stringValue ?? event["previous_message"]?["ts"]?.stringValue else {
                    self = .other(reason: "a message_deleted event without deleted_ts"); return
                }
                self = .messageDeleted(channel: channel, ts: ts)
            case let subtype?:
                self = .other(reason: "message subtype \(subtype.prefix(60)) is not collected")
            }
        case "reaction_added", "reaction_removed":
            guard event["item"]?["type"]?.stringValue == "message", let channel = event["item"]?["channel"]?.stringValue,
                  let ts = event["item"]?["ts"]?.stringValue, let name = event["reaction"]?.stringValue,
                  let user = event["user"]?.stringValue else {
                self = .other(reason: "a reaction on something other than a message"); return
            }
            self = type == "reaction_added" ? .reactionAdded(channel: channel, ts: ts, name: name, user: user)
                : .reactionRemoved(channel: channel, ts: ts, name: name, user: user)
        default:
            self = .other(reason: "event type \(type.prefix(60)) is not collected")
        }
    }

    /// `reactions` with `user`'s reaction `name` added or removed; an emptied reaction goes.
    public static func reactions(_ reactions: [SlackReaction], adding: Bool, name: String, user: String) -> [SlackReaction] {
        var result = reactions
        if let index = result.firstIndex(where: { $0.name == name }) {
            var reaction = result[index]
            if adding, !reaction.users.contains(user) {
                reaction.users.append(user)
                reaction.count += 1
            } else if !adding, let position = reaction.users.firstIndex(of: user) {
                reaction.users.remove(at: position)
                reaction.count -= 1
            }
            if reaction.count <= 0 { result.remove(at: index) } else { result[index] = reaction }
        } else if adding {
            result.append(SlackReaction(name: name, users: [user], count: 1))
        }
        return result
    }
}
