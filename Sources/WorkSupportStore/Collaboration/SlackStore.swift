import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Writes Slack metadata: channels, users, messages and the interactions they draw. Idempotent:
/// writing what is stored already changes no row. The caller owns the transaction.
public struct SlackStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func upsert(channels: [SlackChannelRecord]) throws(StoreError) {
        guard !channels.isEmpty else { return }
        _ = try storeCall {
            try connection.run(SlackSQL.upsertChannels, [channels.map(\.id), channels.map(\.name),
                                                         channels.map(\.isPrivate), channels.map(\.archived)])
        }
    }

    public func ensureChannel(_ id: String) throws(StoreError) {
        _ = try storeCall { try connection.run(SlackSQL.ensureChannel, [id]) }
    }

    /// Records that the channel was read now, or why it was skipped.
    public func mark(channel id: String, skippedReason: String?) throws(StoreError) {
        _ = try storeCall { try connection.run(SlackSQL.markChannel, [id, skippedReason]) }
    }

    public func upsert(users: [SlackUserRecord]) throws(StoreError) {
        guard !users.isEmpty else { return }
        _ = try storeCall {
            try connection.run(SlackSQL.upsertUsers, [users.map(\.id), users.map(\.name), users.map(\.isBot), users.map(\.deleted)])
        }
    }

    /// Upserts `messages` of `channel` and replaces their interactions.
    /// - Parameter parentAuthors: thread parent ts → its author, for the replies among `messages`.
    public func write(_ messages: [SlackMessageMetadata], channel: String,
                      parentAuthors: [String: String] = [:]) throws(StoreError) -> SlackWriteCounts {
        guard !messages.isEmpty else { return SlackWriteCounts() }
        return try storeCall {
            let rows = try connection.run(SlackSQL.upsertMessages, [
                channel, messages.map(\.ts), messages.map(\.userID), messages.map(\.botID), messages.map(\.threadTS),
                messages.map(\.replyCount), messages.map { $0.editedAt.map(Self.ts) },
                messages.map { $0.mentions.joined(separator: ",") },
                messages.map { JSONValue.array($0.reactions.map(\.json)).serializedString() },
            ])
            var counts = SlackWriteCounts()
            for row in rows {
                if try row.get("inserted") as Bool { counts.inserted += 1 } else { counts.updated += 1 }
            }
            counts.unchanged = messages.count - rows.count
            let edges = messages.flatMap { message in
                SlackInteraction.of(message, channelID: channel, parentAuthor: message.threadTS.flatMap { parentAuthors[$0] })
            }
            try replaceInteractions(of: messages.map { SlackInteraction.sourceID(channelID: channel, ts: $0.ts) }, with: edges)
            return counts
        }
    }

    func replaceInteractions(of sourceIDs: [String], with edges: [SlackInteraction]) throws {
        _ = try connection.run(SlackSQL.replaceInteractions, [
            sourceIDs, edges.map(\.kind.rawValue), edges.map(\.actor), edges.map(\.target), edges.map(\.channelID),
            edges.map(\.occurredAt), edges.map(\.sourceID),
        ])
    }

    /// Deletes the channel's messages outside threads and thread parents posted after `oldest`
    /// that are not in `listed`: history no longer has them. Answers how many went.
    public func deleteUnlisted(channel: String, after oldest: String, listed: [String]) throws(StoreError) -> Int {
        try storeCall { try connection.run(SlackSQL.deleteUnlistedTopLevel, [channel, oldest, listed])[0].get("n") }
    }

    /// Deletes, for each thread, the replies not listed for it (thread ts → listed reply ts).
    public func deleteUnlistedReplies(channel: String, listedByThread: [(thread: String, listed: [String])]) throws(StoreError) -> Int {
        guard !listedByThread.isEmpty else { return 0 }
        return try storeCall {
            try connection.run(SlackSQL.deleteUnlistedRepliesOfThreads, [channel, listedByThread.map(\.thread),
                                                                          listedByThread.map { $0.listed.joined(separator: ",") }])[0].get("n")
        }
    }

    public func delete(channel: String, ts: String) throws(StoreError) -> Int {
        try storeCall { try connection.run(SlackSQL.deleteMessage, [channel, ts])[0].get("n") }
    }

    /// Threads of the channel with a stored message posted after `oldest` (a ts).
    public func activeThreads(channel: String, after oldest: String) throws(StoreError) -> [String] {
        try storeCall { try connection.run(SlackSQL.activeThreads, [channel, oldest]).map { try $0.get("thread_ts") } }
    }

    /// The stored author of message `ts`, nil when unknown or a bot.
    public func author(channel: String, ts: String) throws(StoreError) -> String? {
        try storeCall {
            guard let row = try connection.run(SlackSQL.threadAuthor, [channel, ts]).first else { return nil }
            let bot: String? = try row.get("bot_id")
            return bot == nil ? try row.get("user_id") : nil
        }
    }

    /// Adds or removes one user's reaction; false when the message is not stored.
    public func react(channel: String, ts: String, name: String, user: String, adding: Bool) throws(StoreError) -> Bool {
        try storeCall {
            guard let row = try connection.run(SlackSQL.reactionsForUpdate, [channel, ts]).first else { return false }
            let stored = try JSONValue.parse(try row.get("reactions") as String)
            let current = SlackMessageMetadata(message: .object(["ts": "1", "reactions": stored]))?.reactions ?? []
            let changed = SlackEvent.reactions(current, adding: adding, name: name, user: user)
            _ = try connection.run(SlackSQL.setReactions, [channel, ts, JSONValue.array(changed.map(\.json)).serializedString()])
            return true
        }
    }

    /// A reply that arrived as an event adds one to its parent's reply_count.
    public func countReply(channel: String, parentTS: String) throws(StoreError) {
        _ = try storeCall { try connection.run(SlackSQL.countReply, [channel, parentTS]) }
    }

    /// Deletes messages posted before `cutoff` and their interactions, `batchSize` a statement,
    /// each its own transaction. Answers how many messages went.
    public func prune(before cutoff: Date, batchSize: Int = 5000) throws(StoreError) -> Int {
        try storeCall {
            var total = 0
            while true {
                let n: Int = try connection.run(SlackSQL.pruneBatch, [cutoff, batchSize])[0].get("n")
                total += n
                if n < batchSize { break }
            }
            _ = try connection.run(SlackSQL.pruneInteractions, [cutoff])
            return total
        }
    }

    /// The Slack part of a run's audit row.
    public func record(runID: Int64, fetched: Int, written: Int, deleted: Int, channelsSkipped: Int,
                       pruned: Int) throws(StoreError) {
        _ = try storeCall { try connection.run(SlackSQL.recordInRun, [runID, fetched, written, deleted, channelsSkipped, pruned]) }
    }

    /// `1700000000.000100` for a date (microseconds, as Slack writes them).
    public static func ts(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}

extension SlackStore {
    /// Where the last successful Slack collection stood (`harvest_runs.cursors.slack`); nil: none yet.
    public func lastHighWaterMark() throws(StoreError) -> Date? {
        try storeCall { try connection.query(HarvestRunSQL.lastCursor, ["slack"]).first?.get("cursor") }
    }
}

extension SlackStore {
    /// The stored thread position and reactions of message `ts`, nil when it is not stored.
    public func stored(channel: String, ts: String) throws(StoreError) -> SlackMessageMetadata? {
        try storeCall {
            guard let row = try connection.run(SlackSQL.storedMessage, [channel, ts]).first else { return nil }
            let reactions = try JSONValue.parse(try row.get("reactions") as String)
            var message = SlackMessageMetadata(message: .object(["ts": .string(ts), "reactions": reactions]))
            message?.threadTS = try row.get("thread_ts")
            message?.replyCount = try row.get("reply_count")
            return message
        }
    }
}
