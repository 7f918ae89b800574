/// A channel as `conversations.list` names it.
public struct SlackChannelRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    public var isPrivate: Bool
    public var archived: Bool

    public init(id: String, name: String, isPrivate: Bool, archived: Bool) {
        self.id = id
        self.name = name
        self.isPrivate = isPrivate
        self.archived = archived
    }
}

/// A workspace account as `users.list` names it: a person, a bot, or a deleted account.
public struct SlackUserRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    public var isBot: Bool
    public var deleted: Bool

    public init(id: String, name: String, isBot: Bool, deleted: Bool) {
        self.id = id
        self.name = name
        self.isBot = isBot
        self.deleted = deleted
    }
}

/// What one write of Slack messages changed.
public struct SlackWriteCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public var written: Int { inserted + updated }

    public static func += (lhs: inout SlackWriteCounts, rhs: SlackWriteCounts) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
    }
}
