import Digest
import JSON

/// Signed Slack Events API deliveries about the workspace's first channel, as Slack sends them
/// (`X-Slack-Request-Timestamp`, `X-Slack-Signature: v0=…`): the URL verification, a new message
/// mentioning a member, a reply in a known thread, an edit of the new message that adds a
/// mention, a reaction added and removed, and the reply deleted. Texts carry the text marker.
public struct SimSlackEvents: Sendable {
    public let workspace: SimSlackWorkspace
    public let secret: String
    /// Seconds since the epoch the deliveries are signed at.
    public let timestamp: Int64

    public init(workspace: SimSlackWorkspace, secret: String, timestamp: Int64) {
        self.workspace = workspace
        self.secret = secret
        self.timestamp = timestamp
    }

    public static let challenge = "sim-challenge-3f1a"
    /// The new message's ts, and the reply's.
    public var newMessageTS: String { SimSlackWorkspace.ts(workspace.nowMicros + 300_000_000) }
    public var replyTS: String { SimSlackWorkspace.ts(workspace.nowMicros + 360_000_000) }
    public var channel: String { "C0001" }

    /// A thread parent of the first channel, as history lists it.
    public var threadTS: String {
        workspace.manifest()["late_reply_thread"]?.stringValue.map { String($0.split(separator: ":")[1]) } ?? ""
    }

    /// In order: (event id, what it is, signed delivery).
    public func deliveries() -> [(id: String, kind: String, delivery: WebhookDelivery)] {
        let marker = SimSlackWorkspace.textMarker
        let message: JSONValue = [
            "type": "message", "channel": .string(channel), "user": "U0001", "ts": .string(newMessageTS),
            "text": .string("\(marker) hello <@U0002>"),
            "blocks": [["type": "rich_text", "elements": [["type": "rich_text_section", "elements": [
                ["type": "text", "text": .string("\(marker) hello ")], ["type": "user", "user_id": "U0002"]]]]]],
        ]
        let reply: JSONValue = [
            "type": "message", "channel": .string(channel), "user": "U0003", "ts": .string(replyTS),
            "thread_ts": .string(threadTS), "text": .string("\(marker) a reply"),
            "attachments": [["id": 1, "text": .string("\(marker) attached"), "fallback": .string(marker)]],
        ]
        var edited = message.objectValue!
        edited["text"] = .string("\(marker) hello <@U0002> and <@U0004>")
        edited["blocks"] = [["type": "rich_text", "elements": [["type": "rich_text_section", "elements": [
            ["type": "text", "text": .string(marker)], ["type": "user", "user_id": "U0002"], ["type": "user", "user_id": "U0004"]]]]]]
        edited["edited"] = ["user": "U0001", "ts": .string(SimSlackWorkspace.ts(workspace.nowMicros + 420_000_000))]
        let changed: JSONValue = ["type": "message", "subtype": "message_changed", "channel": .string(channel),
                                  "ts": .string(SimSlackWorkspace.ts(workspace.nowMicros + 420_000_000)),
                                  "message": .object(edited), "previous_message": message]
        let reaction: (String) -> JSONValue = { type in
            ["type": .string(type), "user": "U0002", "reaction": "+1",
             "item": ["type": "message", "channel": .string(channel), "ts": .string(newMessageTS)]]
        }
        let deleted: JSONValue = ["type": "message", "subtype": "message_deleted", "channel": .string(channel),
                                  "deleted_ts": .string(replyTS), "previous_message": reply, "hidden": true]
        var result = [(id: String, kind: String, delivery: WebhookDelivery)]()
        result.append(("", "url_verification", signed(["token": "verification-token", "type": "url_verification",
                                                      "challenge": .string(Self.challenge)], id: "")))
        for (index, (kind, event)) in [("message", message), ("reply", reply), ("message_changed", changed),
                                       ("reaction_added", reaction("reaction_added")),
                                       ("reaction_removed", reaction("reaction_removed")),
                                       ("message_deleted", deleted)].enumerated() {
            let id = "Ev0SIM\(index + 1)"
            result.append((id, kind, signed(callback(event, id: id), id: id)))
        }
        return result
    }

    public func callback(_ event: JSONValue, id: String) -> JSONValue {
        ["token": "verification-token", "team_id": "T0SIM", "api_app_id": "A0SIM", "type": "event_callback",
         "event_id": .string(id), "event_time": .int(timestamp), "event": event]
    }

    /// The delivery signed at `timestamp`; `retry` adds Slack's retry headers.
    public func signed(_ body: JSONValue, id: String, retry: Int? = nil, secret: String? = nil,
                       timestamp: Int64? = nil) -> WebhookDelivery {
        let bytes = Array(body.serializedString().utf8)
        let stamp = String(timestamp ?? self.timestamp)
        let mac = SHA256Digest.hmac(key: Array((secret ?? self.secret).utf8), message: Array("v0:\(stamp):".utf8) + bytes)
        var headers = [("Content-Type", "application/json"), ("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)"),
                       ("X-Slack-Request-Timestamp", stamp), ("X-Slack-Signature", "v0=" + mac.hexString)]
        if let retry { headers += [("X-Slack-Retry-Num", String(retry)), ("X-Slack-Retry-Reason", "http_timeout")] }
        return WebhookDelivery(source: .slack, event: body["event"]?["type"]?.stringValue ?? body["type"]?.stringValue ?? "",
                               action: body["event"]?["subtype"]?.stringValue, deliveryID: id, issueKey: nil,
                               body: bytes, headers: headers)
    }
}
