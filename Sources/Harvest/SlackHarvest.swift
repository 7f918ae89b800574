import Connectors
import Foundation
import JSON
import Postgres
import WorkSupportCore
import WorkSupportStore

/// The Slack step of a harvest (docs/collaboration.md, "Slack"): users, channels, then each
/// channel's history after `oldest` and the replies of its threads. A full run (the first one, or
/// `--full`) reads back `slack.retention_days` and every thread; later runs read from the last
/// run's high-water mark minus `slack.lookback_days`, and the threads with a reply inside it, so
/// that edits, deletions and late replies there are seen. Messages inside the window that Slack no
/// longer lists are deleted with their interactions. A channel the bot cannot read is skipped
/// and counted; any other failure is recorded and the next channel goes on.
final class SlackHarvest {
    let client: SlackClient
    let connection: PostgresConnection
    let config: SlackConfig
    let progress: HarvestProgress
    let failures: HarvestFailureLog
    private(set) var fetched = 0
    private(set) var counts = SlackWriteCounts()
    private(set) var deleted = 0
    private(set) var channelsSkipped = 0
    private(set) var channelsRead = 0

    init(client: SlackClient, connection: PostgresConnection, config: SlackConfig, progress: HarvestProgress,
         failures: HarvestFailureLog) {
        self.client = client
        self.connection = connection
        self.config = config
        self.progress = progress
        self.failures = failures
    }

    var store: SlackStore { SlackStore(connection: connection) }

    /// - Parameter highWaterMark: the last successful collection's start; nil for a full run.
    func run(highWaterMark: Date?, now: Date) {
        let horizon = now.addingTimeInterval(-Double(config.retentionDays) * 86_400)
        let oldest = highWaterMark.map { max(horizon, $0.addingTimeInterval(-Double(config.lookbackDays) * 86_400)) } ?? horizon
        let oldestTS = SlackStore.ts(oldest)
        progress.begin(source: "slack")
        defer { progress.finish(source: "slack") }
        step("users.list") {
            try client.users { page in
                let users = page.compactMap(Self.user)
                try connection.transaction { _ in try store.upsert(users: users) }
            }
        }
        var channels: [String] = []
        step("conversations.list") { channels = try listChannels() }
        for channel in channels {
            do {
                try harvest(channel: channel, oldestTS: oldestTS, everyThread: highWaterMark == nil)
                channelsRead += 1
            } catch let error as SlackAPIError where error.isChannelUnreadable {
                channelsSkipped += 1
                try? store.mark(channel: channel, skippedReason: error.code)
                progress.log("slack_channel_skipped", ["channel": "\(channel)", "reason": "\(error.code)"], level: .warning)
            } catch {
                failures.record(.slack, itemKey: "channel \(channel)", error: error)
            }
        }
    }

    func step(_ method: String, _ body: () throws -> Void) {
        do { try body() } catch { failures.record(.slack, itemKey: method, error: error) }
    }

    /// The channels to read: `slack.channels` when given, else those the bot is a member of.
    func listChannels() throws -> [String] {
        var records: [SlackChannelRecord] = []
        var memberOf: [String] = []
        try client.channels { page in
            for channel in page {
                guard let id = channel["id"]?.stringValue else { continue }
                records.append(SlackChannelRecord(id: id, name: channel["name"]?.stringValue ?? id,
                                                  isPrivate: channel["is_private"]?.boolValue ?? false,
                                                  archived: channel["is_archived"]?.boolValue ?? false))
                if channel["is_member"]?.boolValue == true { memberOf.append(id) }
            }
        }
        try connection.transaction { _ in
            try store.upsert(channels: records)
            for id in config.channels { try store.ensureChannel(id) }
        }
        return config.channels.isEmpty ? memberOf : config.channels
    }

    func harvest(channel: String, oldestTS: String, everyThread: Bool) throws {
        var listed: [String] = []
        var threads: [String] = []
        var authors: [String: String] = [:]
        try client.history(channel: channel, oldest: oldestTS) { page in
            let messages = page.compactMap { SlackMessageMetadata(message: $0) }
            fetched += messages.count
            for message in messages {
                listed.append(message.ts)
                if let user = message.userID, !message.isFromBot { authors[message.ts] = user }
                guard message.threadTS == message.ts, message.replyCount > 0 else { continue }
                if everyThread || (message.latestReply.map { Self.isAfter($0, oldestTS) } ?? true) { threads.append(message.ts) }
            }
            try connection.transaction { _ in counts += try store.write(messages, channel: channel, parentAuthors: authors) }
            progress.page(source: "slack", level: nil, items: messages.count)
        }
        try connection.transaction { _ in
            deleted += try store.deleteUnlisted(channel: channel, after: oldestTS, listed: listed)
        }
        if !everyThread {
            let known = Set(threads)
            threads += try store.activeThreads(channel: channel, after: oldestTS).filter { !known.contains($0) }
        }
        try harvestReplies(channel: channel, threads: threads)
        try store.mark(channel: channel, skippedReason: nil)
        progress.log("slack_channel", ["channel": "\(channel)", "messages": "\(listed.count)", "threads": "\(threads.count)"])
    }

    /// Reads each thread's replies, writing them a batch of threads at a time (one transaction
    /// per batch, not per thread: most threads are a handful of messages).
    func harvestReplies(channel: String, threads: [String]) throws {
        var batch = SlackReplyBatch()
        for threadTS in threads {
            let page: [JSONValue]
            do {
                page = try client.replies(channel: channel, ts: threadTS)
            } catch let error as SlackAPIError where error.code == "thread_not_found" {
                // The parent is gone and its replies with it.
                batch.add(thread: threadTS, parentAuthor: nil, replies: [])
                continue
            }
            let messages = page.compactMap { SlackMessageMetadata(message: $0) }
            let parent = messages.first { $0.ts == threadTS }
            let replies = messages.filter { $0.ts != threadTS }
            fetched += replies.count
            batch.add(thread: threadTS, parentAuthor: parent.flatMap { $0.isFromBot ? nil : $0.userID }, replies: replies)
            if batch.isFull { try flush(&batch, channel: channel) }
        }
        try flush(&batch, channel: channel)
    }

    func flush(_ batch: inout SlackReplyBatch, channel: String) throws {
        guard !batch.threads.isEmpty else { return }
        try connection.transaction { _ in
            counts += try store.write(batch.replies, channel: channel, parentAuthors: batch.parentAuthors)
            deleted += try store.deleteUnlistedReplies(channel: channel, listedByThread: batch.threads)
        }
        progress.page(source: "slack", level: nil, items: batch.replies.count)
        batch = SlackReplyBatch()
    }

    static func user(_ member: JSONValue) -> SlackUserRecord? {
        guard let id = member["id"]?.stringValue else { return nil }
        return SlackUserRecord(id: id, name: member["name"]?.stringValue ?? id,
                               isBot: member["is_bot"]?.boolValue ?? false, deleted: member["deleted"]?.boolValue ?? false)
    }

    /// Whether ts `a` is later than ts `b` (both `seconds.micros`).
    static func isAfter(_ a: String, _ b: String) -> Bool {
        (Decimal(string: a) ?? 0) > (Decimal(string: b) ?? 0)
    }
}

/// Replies of several threads, written together.
struct SlackReplyBatch {
    static let maximumMessages = 500
    private(set) var replies: [SlackMessageMetadata] = []
    private(set) var parentAuthors: [String: String] = [:]
    private(set) var threads: [(thread: String, listed: [String])] = []

    mutating func add(thread: String, parentAuthor: String?, replies: [SlackMessageMetadata]) {
        self.replies += replies
        if let parentAuthor { parentAuthors[thread] = parentAuthor }
        threads.append((thread, replies.map(\.ts)))
    }

    var isFull: Bool { replies.count >= Self.maximumMessages || threads.count >= Self.maximumMessages }
}
