import FoundationEssentials

/// One edge a Slack message draws between two people, in Slack user ids; the store maps them to
/// member ids through `team_members.slack_id` (else `slack:U…`).
public struct SlackInteraction: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// The author mentions someone (author → each mentioned user).
        case mentioned = "MENTIONED"
        /// A reply in someone's thread (replier → the parent's author).
        case repliedTo = "REPLIED_TO"
    }

    public var kind: Kind
    public var actor: String
    public var target: String
    public var channelID: String
    public var occurredAt: Date
    /// `channel:ts` of the message: re-reading it writes the same rows.
    public var sourceID: String

    public init(kind: Kind, actor: String, target: String, channelID: String, occurredAt: Date, sourceID: String) {
        self.kind = kind
        self.actor = actor
        self.target = target
        self.channelID = channelID
        self.occurredAt = occurredAt
        self.sourceID = sourceID
    }

    public static func sourceID(channelID: String, ts: String) -> String { "\(channelID):\(ts)" }

    /// The edges of `message`: none from a bot or a message without an author, none to oneself.
    /// - Parameter parentAuthor: the thread parent's author when `message` is a reply and it is known.
    public static func of(_ message: SlackMessageMetadata, channelID: String, parentAuthor: String?) -> [SlackInteraction] {
        guard let author = message.userID, !message.isFromBot else { return [] }
        let id = sourceID(channelID: channelID, ts: message.ts)
        var edges = message.mentions.filter { $0 != author }.map {
            SlackInteraction(kind: .mentioned, actor: author, target: $0, channelID: channelID,
                             occurredAt: message.postedAt, sourceID: id)
        }
        if message.isReply, let parentAuthor, parentAuthor != author {
            edges.append(SlackInteraction(kind: .repliedTo, actor: author, target: parentAuthor, channelID: channelID,
                                          occurredAt: message.postedAt, sourceID: id))
        }
        return edges
    }
}
