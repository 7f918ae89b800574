import Foundation
import JSON

/// The workspace as Slack's Web API shows it, and the manifest of planted answers.
extension SimSlackWorkspace {
    func userObjects() -> [JSONValue] {
        users.enumerated().compactMap { index, id -> JSONValue? in
            guard id != Self.unknownUserID else { return nil }
            let isBot = id == Self.botUserID
            var user: JSONObject = ["id": .string(id), "name": .string(isBot ? "deploy-bot" : "user\(index + 1)"),
                                    "deleted": .bool(id == Self.deletedUserID), "is_bot": .bool(isBot)]
            user["real_name"] = .string("Sim Person \(index + 1)")
            if isBot { user["profile"] = ["bot_id": .string(Self.botID)] }
            return .object(user)
        }
    }

    func channelObjects() -> [JSONValue] {
        withChannels { channels in
            channels.enumerated().map { index, channel in
                ["id": .string(channel.id), "name": .string(channel.name), "is_channel": true,
                 "is_private": .bool(index % 5 == 4), "is_archived": false, "is_member": .bool(channel.isMember),
                 "topic": ["value": .string("\(Self.textMarker) topic of \(channel.name)")]]
            }
        }
    }

    /// Thread parents and messages outside threads after `oldest` (exclusive), newest first.
    /// Rendered for the page `range` only: a channel holds thousands.
    func history(channel id: String, oldest: String?, page range: Range<Int>) -> Result<(page: [JSONValue], total: Int), SimSlackError> {
        let after = oldest.flatMap(Self.micros) ?? Int64.min
        return withChannels { channels in
            guard let channel = channels.first(where: { $0.id == id }) else { return .failure(.channelNotFound) }
            guard channel.isMember, !channel.botLeft else { return .failure(.notInChannel) }
            let listed = channel.messages.indices.filter {
                channel.messages[$0].parent == nil && !channel.messages[$0].deleted && channel.messages[$0].ts > after
            }.sorted { channel.messages[$0].ts > channel.messages[$1].ts }
            let slice = listed[min(range.lowerBound, listed.count)..<min(range.upperBound, listed.count)]
            return .success((slice.map { render(channel, $0) }, listed.count))
        }
    }

    /// The parent, then its replies oldest first.
    func replies(channel id: String, ts: String) -> Result<[JSONValue], SimSlackError> {
        withChannels { channels in
            guard let channel = channels.first(where: { $0.id == id }) else { return .failure(.channelNotFound) }
            guard channel.isMember, !channel.botLeft else { return .failure(.notInChannel) }
            guard let micros = Self.micros(ts), let parent = channel.topLevelByTS[micros], !channel.messages[parent].deleted else {
                return .failure(.threadNotFound)
            }
            let replies = (channel.replies[parent] ?? []).filter { !channel.messages[$0].deleted }
            return .success([render(channel, parent)] + replies.map { render(channel, $0) })
        }
    }

    /// A message as Slack sends it, text and blocks included (the collector must drop them).
    func render(_ channel: Channel, _ index: Int) -> JSONValue {
        let message = channel.messages[index]
        let ts = Self.ts(message.ts)
        var object: JSONObject = ["type": "message", "ts": .string(ts)]
        if message.isBot {
            object["subtype"] = "bot_message"
            object["bot_id"] = .string(Self.botID)
            object["user"] = .string(Self.botUserID)
        } else {
            object["user"] = .string(users[message.user])
        }
        let mentionText = message.mentions.map { "<@\(users[$0])>" }.joined(separator: " ")
        object["text"] = .string("\(Self.textMarker) words of message \(index) \(mentionText)")
        if !message.mentionsInTextOnly {
            var elements: [JSONValue] = [["type": "text", "text": .string("\(Self.textMarker) words ")]]
            for mention in message.mentions { elements.append(["type": "user", "user_id": .string(users[mention])]) }
            object["blocks"] = [["type": "rich_text", "block_id": .string("b\(index)"),
                                 "elements": [["type": "rich_text_section", "elements": .array(elements)]]]]
        }
        if index % 40 == 3 {
            object["attachments"] = [["id": 1, "fallback": .string("\(Self.textMarker) attachment"),
                                      "text": .string("\(Self.textMarker) attachment text"), "title": "a title"]]
        }
        if let parent = message.parent {
            object["thread_ts"] = .string(Self.ts(channel.messages[parent].ts))
            object["parent_user_id"] = .string(users[channel.messages[parent].user])
        } else if let replies = channel.replies[index]?.filter({ !channel.messages[$0].deleted }), !replies.isEmpty {
            object["thread_ts"] = .string(ts)
            object["reply_count"] = .int(Int64(replies.count))
            object["reply_users"] = .array(Set(replies.map { channel.messages[$0].user }).sorted().map { .string(users[$0]) })
            object["latest_reply"] = .string(Self.ts(replies.map { channel.messages[$0].ts }.max()!))
        }
        if let edited = message.editedTS {
            object["edited"] = ["user": .string(users[message.user]), "ts": .string(Self.ts(edited))]
        }
        if let reaction = message.reaction {
            object["reactions"] = [["name": .string(reaction.name), "users": .array(reaction.users.map { .string(users[$0]) }),
                                    "count": .int(Int64(reaction.users.count))]]
        }
        return .object(object)
    }

    static func micros(_ ts: String) -> Int64? {
        let parts = ts.split(separator: ".", omittingEmptySubsequences: false)
        guard let seconds = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return seconds * 1_000_000 }
        let digits = String(parts[1].prefix(6)).padding(toLength: 6, withPad: "0", startingAt: 0)
        return seconds * 1_000_000 + (Int64(digits) ?? 0)
    }

    /// What a complete collection must store, by the collector's documented rules: messages per
    /// readable channel, MENTIONED edges (no bot, no self-mention, each mentioned user once per
    /// message) and REPLIED_TO edges (no bot parent, no reply to oneself), and what `advance()` changes.
    public func manifest() -> JSONValue {
        withChannels { channels in
            var perChannel = JSONObject()
            var mentions = 0, replies = 0, messages = 0, bots = 0, unknown = 0
            for channel in channels where channel.isMember && !channel.botLeft {
                var count = 0
                for (index, message) in channel.messages.enumerated() where !message.deleted {
                    count += 1
                    if message.isBot { bots += 1; continue }
                    if users[message.user] == Self.unknownUserID { unknown += 1 }
                    mentions += Set(message.mentions.filter { $0 != message.user }).count
                    if let parent = message.parent, !channel.messages[parent].isBot, channel.messages[parent].user != message.user {
                        replies += 1
                    }
                    _ = index
                }
                perChannel[channel.id] = .int(Int64(count))
                messages += count
            }
            let first = channels[0]
            func id(_ target: (Int, Int)) -> JSONValue { .string("\(first.id):\(Self.ts(first.messages[target.1].ts))") }
            return ["messages": .int(Int64(messages)), "messages_per_channel": .object(perChannel),
                    "mentioned": .int(Int64(mentions)), "replied_to": .int(Int64(replies)),
                    "bot_messages": .int(Int64(bots)), "unknown_user_messages": .int(Int64(unknown)),
                    "skipped_channel": .string(Self.leftChannelID), "not_member_channel": .string(Self.otherChannelID),
                    "edited": id(editTarget), "deleted": id(deleteTarget), "late_reply_thread": id(lateReplyParent),
                    "advanced": .bool(advanced), "text_marker": .string(Self.textMarker)]
        }
    }
}
