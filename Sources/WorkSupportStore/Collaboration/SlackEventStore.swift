import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Records a Slack Events API delivery in `webhook_deliveries` (its body already stripped of
/// text) and applies it to the Slack tables, in one transaction. `event_id` is the delivery id,
/// so Slack's retries (`X-Slack-Retry-Num`) are stored once.
public struct SlackEventStore {
    public enum Outcome: Sendable, Equatable {
        /// Stored as `applied` or `ignored` (with why).
        case recorded(id: Int64, status: String, reason: String?)
        case duplicate
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func record(eventID: String, eventType: String, subtype: String?, headers: JSONValue, redactedBody: String,
                       event: SlackEvent) throws(StoreError) -> Outcome {
        try storeCall {
            try connection.transaction { connection in
                let rows = try connection.run(SlackEventSQL.insert, [eventID, eventType, subtype,
                                                                     PostgresJSONText(headers.serializedString()),
                                                                     PostgresJSONText(redactedBody)])
                guard let row = rows.first else { return .duplicate }
                let id: Int64 = try row.get("id")
                let reason = try apply(event, store: SlackStore(connection: connection))
                let status = reason == nil ? "applied" : "ignored"
                _ = try connection.run(SlackEventSQL.setOutcome, [id, status, reason])
                return .recorded(id: id, status: status, reason: reason)
            }
        }
    }

    /// Nil when applied, else why it was not.
    func apply(_ event: SlackEvent, store: SlackStore) throws -> String? {
        switch event {
        case .message(let channel, let message):
            try store.ensureChannel(channel)
            let parent = message.isReply ? try message.threadTS.flatMap { try store.author(channel: channel, ts: $0) } : nil
            let counts = try store.write([message], channel: channel, parentAuthors: parent.map { [message.threadTS!: $0] } ?? [:])
            if message.isReply, counts.inserted == 1, let thread = message.threadTS {
                try store.countReply(channel: channel, parentTS: thread)
            }
            return nil
        case .messageChanged(let channel, var message):
            try store.ensureChannel(channel)
            // An edit event may leave out what it does not change: keep the stored thread and reactions.
            if let stored = try store.stored(channel: channel, ts: message.ts) {
                if message.replyCount == 0 { message.replyCount = stored.replyCount }
                if message.reactions.isEmpty { message.reactions = stored.reactions }
                if message.threadTS == nil { message.threadTS = stored.threadTS }
            }
            let parent = message.isReply ? try message.threadTS.flatMap { try store.author(channel: channel, ts: $0) } : nil
            _ = try store.write([message], channel: channel, parentAuthors: parent.map { [message.threadTS!: $0] } ?? [:])
            return nil
        case .messageDeleted(let channel, let ts):
            return try store.delete(channel: channel, ts: ts) > 0 ? nil : "the message is not stored"
        case .reactionAdded(let channel, let ts, let name, let user):
            return try store.react(channel: channel, ts: ts, name: name, user: user, adding: true) ? nil : "the message is not stored"
        case .reactionRemoved(let channel, let ts, let name, let user):
            return try store.react(channel: channel, ts: ts, name: name, user: user, adding: false) ? nil : "the message is not stored"
        case .other(let reason):
            return reason
        }
    }
}

enum SlackEventSQL {
    static let insert = StoreStatement(name: "slack_event_insert", sql: """
        INSERT INTO webhook_deliveries (source, delivery_id, event, action, status, headers, body)
        VALUES ('slack', $1, $2, $3, 'stored', $4::jsonb, $5::jsonb)
        ON CONFLICT (source, delivery_id) DO NOTHING
        RETURNING id
        """)

    static let setOutcome = StoreStatement(name: "slack_event_set_outcome", sql: """
        UPDATE webhook_deliveries SET status = $2, error = $3 WHERE id = $1
        """)
}
