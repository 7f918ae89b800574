import FoundationEssentials
import JSON

/// What is kept of one Slack message: who, when, where in a thread, whom it mentions and how
/// people reacted. Never its text (docs/collaboration.md, "Privacy and retention").
public struct SlackMessageMetadata: Sendable, Hashable {
    /// Slack's id of the message in its channel, exactly as sent (`1700000000.000100`).
    public var ts: String
    public var postedAt: Date
    /// The author; nil for a bot message that names no user.
    public var userID: String?
    /// Set for a message posted by a bot or an integration.
    public var botID: String?
    /// The parent's ts for a reply, its own ts for a thread parent, nil otherwise.
    public var threadTS: String?
    public var replyCount: Int
    /// The newest reply's ts, as a parent lists it: a thread with one inside the lookback is re-read.
    public var latestReply: String?
    public var editedAt: Date?
    /// Mentioned user ids, first mention first, each once.
    public var mentions: [String]
    public var reactions: [SlackReaction]

    public init(ts: String, postedAt: Date, userID: String? = nil, botID: String? = nil, threadTS: String? = nil,
                replyCount: Int = 0, latestReply: String? = nil, editedAt: Date? = nil, mentions: [String] = [],
                reactions: [SlackReaction] = []) {
        self.ts = ts
        self.postedAt = postedAt
        self.userID = userID
        self.botID = botID
        self.threadTS = threadTS
        self.replyCount = replyCount
        self.latestReply = latestReply
        self.editedAt = editedAt
        self.mentions = mentions
        self.reactions = reactions
    }

    /// A reply inside a thread (not the parent).
    public var isReply: Bool { threadTS != nil && threadTS != ts }

    /// Posted by a bot or an integration: kept, but no interaction is drawn from it.
    public var isFromBot: Bool { botID != nil }
}

/// One reaction on a message: its emoji name and who reacted.
public struct SlackReaction: Sendable, Hashable {
    public var name: String
    public var users: [String]
    public var count: Int

    public init(name: String, users: [String], count: Int) {
        self.name = name
        self.users = users
        self.count = count
    }

    public var json: JSONValue {
        .object(["name": .string(name), "users": .array(users.map { .string($0) }), "count": .int(Int64(count))])
    }
}

extension SlackMessageMetadata {
    /// Reads a message object of `conversations.history`/`conversations.replies` or of an Events
    /// API `message` event. Nil when it has no usable `ts` (nothing could identify it).
    public init?(message: JSONValue) {
        guard let ts = message["ts"]?.stringValue, let postedAt = Self.date(ts: ts) else { return nil }
        let edited = message["edited"]?["ts"]?.stringValue.flatMap(Self.date(ts:))
        let reactions = (message["reactions"]?.arrayValue ?? []).compactMap { reaction -> SlackReaction? in
            guard let name = reaction["name"]?.stringValue else { return nil }
            let users = (reaction["users"]?.arrayValue ?? []).compactMap(\.stringValue)
            return SlackReaction(name: name, users: users, count: reaction["count"]?.intValue ?? users.count)
        }
        self.init(ts: ts, postedAt: postedAt, userID: message["user"]?.stringValue,
                  botID: message["bot_id"]?.stringValue, threadTS: message["thread_ts"]?.stringValue,
                  replyCount: message["reply_count"]?.intValue ?? 0, latestReply: message["latest_reply"]?.stringValue,
                  editedAt: edited, mentions: Self.mentions(in: message), reactions: reactions)
    }

    /// Mentions from the `blocks` rich-text `user` elements; only a message without rich text
    /// blocks falls back to `<@U…>` in its text (older clients and most bots send no blocks).
    public static func mentions(in message: JSONValue) -> [String] {
        var found: [String] = []
        var sawRichText = false
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if object["type"]?.stringValue == "rich_text" { sawRichText = true }
                if object["type"]?.stringValue == "user", let id = object["user_id"]?.stringValue { found.append(id) }
                for (_, child) in object { walk(child) }
            case .array(let items):
                items.forEach(walk)
            default:
                break
            }
        }
        if let blocks = message["blocks"] { walk(blocks) }
        if !sawRichText, let text = message["text"]?.stringValue { found = mentions(inText: text) }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }

    /// `<@U123>` and `<@U123|name>` in Slack's message markup.
    public static func mentions(inText text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 1 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "<", scalars[index + 1] == "@" else { continue }
            var end = index + 2
            while end < scalars.count, ("A"..."Z").contains(scalars[end]) || ("0"..."9").contains(scalars[end]) { end += 1 }
            if end - (index + 2) >= 2, end < scalars.count, scalars[end] == ">" || scalars[end] == "|" {
                found.append(String(String.UnicodeScalarView(scalars[(index + 2)..<end])))
            }
        }
        return found
    }

    /// Seconds since the epoch, as Slack writes them (`1700000000.000100`).
    public static func date(ts: String) -> Date? {
        guard let seconds = Double(ts), seconds.isFinite, seconds > 0 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
