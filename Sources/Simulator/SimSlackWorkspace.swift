import Foundation

/// A Slack workspace for the collector: members, a bot, a deleted account and a user unknown to
/// `users.list`; channels the bot reads, one it has left (`not_in_channel`) and one it is not in;
/// messages with threads, mentions (rich-text blocks, or `<@U…>` in the text alone), reactions and
/// edits, spread over `days` before `now`. Every text carries `textMarker`, so a test can prove
/// none reaches the database. `advance()` plays what happens after a first harvest, inside the
/// lookback: one message edited (it gains a mention), one deleted, one late reply to a thread.
public final class SimSlackWorkspace: @unchecked Sendable {
    public struct Options: Sendable {
        public var members: Int
        public var channels: Int
        /// Messages in all, replies included.
        public var messages: Int
        public var days: Int
        public var seed: UInt64
        /// Microseconds since the epoch; nil: the wall clock when the workspace is made.
        public var nowMicros: Int64?
        /// Per method: every how many calls one is answered 429 `ratelimited` (Slack's tiers,
        /// without a clock, so tests are exact). Empty: no limits.
        public var rateLimitEvery: [String: Int]
        public var retryAfterSeconds: Int

        public init(members: Int = 6, channels: Int = 4, messages: Int = 300, days: Int = 30, seed: UInt64 = 11,
                    nowMicros: Int64? = nil, rateLimitEvery: [String: Int] = ["conversations.history": 4],
                    retryAfterSeconds: Int = 2) {
            self.members = members
            self.channels = channels
            self.messages = messages
            self.days = days
            self.seed = seed
            self.nowMicros = nowMicros
            self.rateLimitEvery = rateLimitEvery
            self.retryAfterSeconds = retryAfterSeconds
        }

        /// One year of a 50-person team: about 500 000 messages in 40 channels, no tier limits.
        public static func year(seed: UInt64 = 11) -> Options {
            Options(members: 50, channels: 40, messages: 500_000, days: 360, seed: seed, rateLimitEvery: [:])
        }
    }

    /// One message; users are indexes into `users`.
    struct Message {
        var ts: Int64
        var user: Int
        var isBot: Bool
        /// Index of the parent in the channel's messages, for a reply.
        var parent: Int?
        var mentions: [Int]
        /// The mentions are only in the text (no rich-text blocks), as older clients send.
        var mentionsInTextOnly: Bool
        var reaction: (name: String, users: [Int])?
        var editedTS: Int64?
        var deleted = false
    }

    struct Channel {
        var id: String
        var name: String
        var isMember: Bool
        /// Answers `not_in_channel` although listed as a member (the bot left meanwhile).
        var botLeft: Bool
        var messages: [Message]
        /// Parent index → reply indexes, oldest first.
        var replies: [Int: [Int]]
        /// ts → index of top-level messages, for `conversations.replies`.
        var topLevelByTS: [Int64: Int] = [:]
    }

    public static let textMarker = "SIMTEXT-7f3c"
    public static let token = "xoxb-sim-slack-token"
    public static let botUserID = "UBOT0001"
    public static let botID = "B0000001"
    public static let deletedUserID = "U9DELETED"
    public static let unknownUserID = "U9UNKNOWN"
    public static let leftChannelID = "C9LEFT"
    public static let otherChannelID = "C9NOTMEMBER"

    /// The Slack user id of the workspace's `index`-th member (from 0): the generated config names
    /// the dataset's members by these ids, so demo mode's Slack edges join its people.
    public static func userID(member index: Int) -> String { String(format: "U%04d", index + 1) }

    let options: Options
    public let nowMicros: Int64
    /// Member ids `U0001`…, then the bot, the deleted account, the unknown user (not listed).
    let users: [String]
    private let lock = NSLock()
    private var channels: [Channel]
    private var calls: [String: Int] = [:]
    private(set) var advanced = false
    /// (channel index, message index) of what `advance()` changes.
    let editTarget: (Int, Int)
    let deleteTarget: (Int, Int)
    let lateReplyParent: (Int, Int)

    public init(_ options: Options) {
        self.options = options
        nowMicros = options.nowMicros ?? Int64(Date().timeIntervalSince1970 * 1_000_000)
        var users = (0..<max(2, options.members)).map(Self.userID(member:))
        users += [Self.botUserID, Self.deletedUserID, Self.unknownUserID]
        self.users = users
        var random = SimRandom(seed: options.seed)
        let memberCount = max(2, options.members)
        let bot = memberCount, deleted = memberCount + 1, unknown = memberCount + 2
        let channelCount = max(1, options.channels)
        let perChannel = max(12, options.messages / channelCount)
        let span = Int64(options.days) * 86_400_000_000
        var channels: [Channel] = []
        for c in 0..<channelCount {
            var messages: [Message] = []
            var replies: [Int: [Int]] = [:]
            // Built in order first (ts: the top-level ordinal, or a reply's minute after its parent),
            // then spread: top-level messages evenly over the span, each reply minutes after its parent.
            var time: Int64 = 0
            while messages.count < perChannel {
                time += 1
                var author = random.below(memberCount)
                var isBot = false
                let n = messages.count
                if n % 50 == 7 { author = bot; isBot = true } else if n % 89 == 11 { author = deleted } else if n % 97 == 13 { author = unknown }
                var message = Message(ts: time, user: author, isBot: isBot, parent: nil, mentions: [], mentionsInTextOnly: false)
                if !isBot, random.chance(0.3) {
                    message.mentions = [random.below(memberCount)]
                    if random.chance(0.2) { message.mentions.append(random.below(memberCount)) }
                    message.mentionsInTextOnly = random.chance(0.2)
                }
                if random.chance(0.2) { message.reaction = (random.pick(["+1", "eyes", "tada"]), [random.below(memberCount)]) }
                let parentIndex = messages.count
                messages.append(message)
                if !isBot, random.chance(0.25), messages.count < perChannel {
                    let count = min(random.int(in: 1...4), perChannel - messages.count)
                    for r in 0..<count {
                        var reply = Message(ts: Int64(r + 1) * 60_000_000, user: random.below(memberCount), isBot: false,
                                            parent: parentIndex, mentions: [], mentionsInTextOnly: false)
                        if random.chance(0.15) { reply.mentions = [random.below(memberCount)] }
                        replies[parentIndex, default: []].append(messages.count)
                        messages.append(reply)
                    }
                }
            }
            let step = span / (time + 1)
            let start = nowMicros - span + Int64(c) * 1_000
            for index in messages.indices where messages[index].parent == nil {
                messages[index].ts = start + messages[index].ts * step
            }
            for index in messages.indices {
                if let parent = messages[index].parent { messages[index].ts += messages[parent].ts }
            }
            channels.append(Channel(id: String(format: "C%04d", c + 1), name: "team-\(c + 1)", isMember: true, botLeft: false,
                                    messages: messages, replies: replies))
        }
        channels.append(Channel(id: Self.leftChannelID, name: "left-behind", isMember: true, botLeft: true, messages: [], replies: [:]))
        channels.append(Channel(id: Self.otherChannelID, name: "not-ours", isMember: false, botLeft: false, messages: [], replies: [:]))

        // The planted changes, in the first channel, inside any lookback of a day or more.
        let first = channels[0].messages
        func latest(_ where: (Int, Message) -> Bool) -> Int {
            first.indices.reversed().first { `where`($0, first[$0]) } ?? 0
        }
        let edit = latest { i, m in m.parent == nil && !m.isBot && m.user < memberCount && channels[0].replies[i] == nil }
        let delete = latest { i, m in i != edit && m.parent == nil && !m.isBot && m.user < memberCount && channels[0].replies[i] == nil }
        let thread = latest { i, m in m.parent == nil && !m.isBot && m.user < memberCount && channels[0].replies[i] != nil }
        editTarget = (0, edit)
        deleteTarget = (0, delete)
        lateReplyParent = (0, thread)
        // Placed inside the last day, so that any lookback sees them.
        for (index, offset) in [(edit, Int64(3)), (delete, 2), (thread, 4)] {
            channels[0].messages[index].ts = nowMicros - offset * 3_600_000_000
            for (k, reply) in (channels[0].replies[index] ?? []).enumerated() {
                channels[0].messages[reply].ts = nowMicros - offset * 3_600_000_000 + Int64(k + 1) * 60_000_000
            }
        }
        for c in channels.indices {
            for (index, message) in channels[c].messages.enumerated() where message.parent == nil {
                channels[c].topLevelByTS[message.ts] = index
            }
        }
        self.channels = channels
    }

    /// After a first harvest: the edit, the deletion and the late reply (once).
    public func advance() {
        lock.withLock {
            guard !advanced else { return }
            advanced = true
            let (c, e) = editTarget
            channels[c].messages[e].editedTS = nowMicros + 60_000_000
            let author = channels[c].messages[e].user
            channels[c].messages[e].mentions = [(author + 1) % memberCount]
            channels[c].messages[e].mentionsInTextOnly = false
            channels[deleteTarget.0].messages[deleteTarget.1].deleted = true
            let (tc, p) = lateReplyParent
            let parentAuthor = channels[tc].messages[p].user
            let reply = Message(ts: nowMicros + 120_000_000, user: (parentAuthor + 1) % memberCount, isBot: false, parent: p,
                                mentions: [], mentionsInTextOnly: false)
            channels[tc].replies[p, default: []].append(channels[tc].messages.count)
            channels[tc].messages.append(reply)
        }
    }

    var memberCount: Int { max(2, options.members) }

    func withChannels<T>(_ body: ([Channel]) -> T) -> T { lock.withLock { body(channels) } }

    /// Counts the call; true when this one is to be answered 429.
    func isRateLimited(_ method: String) -> Bool {
        guard let every = options.rateLimitEvery[method], every > 0 else { return false }
        return lock.withLock {
            calls[method, default: 0] += 1
            return calls[method]! % (every + 1) == 0
        }
    }

    static func ts(_ micros: Int64) -> String {
        String(micros / 1_000_000) + "." + String(format: "%06d", Int(micros % 1_000_000))
    }
}
