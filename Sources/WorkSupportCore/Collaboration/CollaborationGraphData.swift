import FoundationEssentials

/// The whole collaboration graph as stored: people, issues and channels named by interactions
/// (and every configured member), and the interactions themselves. What the Neo4j export writes.
public struct CollaborationGraphData: Sendable {
    public struct User: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var isMember: Bool
        public var role: String?
        public init(id: String, name: String?, isMember: Bool, role: String?) {
            self.id = id
            self.name = name
            self.isMember = isMember
            self.role = role
        }
    }

    public struct Issue: Sendable, Equatable {
        public var key: String
        public var summary: String?
        public var status: String?
        public var source: String?
        public init(key: String, summary: String?, status: String?, source: String?) {
            self.key = key
            self.summary = summary
            self.status = status
            self.source = source
        }
    }

    public struct Channel: Sendable, Equatable {
        public var id: String
        public var name: String?
        public init(id: String, name: String?) {
            self.id = id
            self.name = name
        }
    }

    public struct Interaction: Sendable, Equatable {
        public var kind: String
        public var actor: String
        public var target: String
        public var issueKey: String?
        public var channelID: String?
        public var occurredAt: Date
        public var source: String
        public var sourceID: String
        public init(kind: String, actor: String, target: String, issueKey: String?, channelID: String?, occurredAt: Date,
                    source: String, sourceID: String) {
            self.kind = kind
            self.actor = actor
            self.target = target
            self.issueKey = issueKey
            self.channelID = channelID
            self.occurredAt = occurredAt
            self.source = source
            self.sourceID = sourceID
        }

        /// ASSIGNED_TO and COMMENTED_ON point at an issue; the other kinds at a person.
        public var targetsIssue: Bool { kind == "ASSIGNED_TO" || kind == "COMMENTED_ON" }
    }

    /// person -> channel with the number of interactions that happened in it.
    public struct ChannelPresence: Sendable, Equatable {
        public var user: String
        public var channel: String
        public var count: Int
    }

    public static let kinds = ["ASSIGNED_TO", "REVIEWED", "COMMENTED_ON", "MENTIONED", "REPLIED_TO"]

    public var users: [User]
    public var issues: [Issue]
    public var channels: [Channel]
    public var interactions: [Interaction]

    public init(users: [User], issues: [Issue], channels: [Channel], interactions: [Interaction]) {
        self.users = users
        self.issues = issues
        self.channels = channels
        self.interactions = interactions
    }

    public var channelPresence: [ChannelPresence] {
        var counts: [String: [String: Int]] = [:]
        for interaction in interactions {
            guard let channel = interaction.channelID else { continue }
            counts[interaction.actor, default: [:]][channel, default: 0] += 1
        }
        return counts.keys.sorted().flatMap { user in
            counts[user]!.sorted { $0.key < $1.key }.map { ChannelPresence(user: user, channel: $0.key, count: $0.value) }
        }
    }
}
