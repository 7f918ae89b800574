import FoundationEssentials
import JSON
import WorkSupportCore
import WorkSupportStore

extension APIApplication {
    /// `POST /api/ingest/slack`: Slack's Events API. `url_verification` is answered with its
    /// challenge (nothing stored); an `event_callback` is stored under its `event_id` with the
    /// message text removed, then applied. Slack wants an answer within 3 s; this one writes a
    /// few rows in one transaction.
    func ingestSlack(_ request: APIRequest) throws(APIError) -> APIResponse {
        guard let secret = config.slack?.signingSecret, !secret.isEmpty else {
            throw APIError(.webhookNotConfigured,
                           "Slack events are not configured here: set slack.signing_secret (or SLACK_SIGNING_SECRET)")
        }
        try SlackSignature.verify(request.body, timestamp: request.header("x-slack-request-timestamp"),
                                  signature: request.header("x-slack-signature"), secret: secret,
                                  now: Int64(Date().timeIntervalSince1970))
        try Self.requireJSONContentType(request)
        let (payload, _) = try Self.webhookPayload(request)
        switch payload["type"]?.stringValue {
        case "url_verification":
            guard let challenge = payload["challenge"]?.stringValue else {
                throw APIError(.invalidBody, "a url_verification body needs its challenge", parameter: "challenge")
            }
            return .json(.object(["challenge": .string(challenge)]))
        case "event_callback":
            break
        default:
            countWebhook(.slack, "ignored")
            return .json(.object(["status": "ignored",
                                  "reason": .string("only url_verification and event_callback bodies are collected")]))
        }
        guard let eventID = payload["event_id"]?.stringValue, !eventID.isEmpty, eventID.unicodeScalars.count <= 200 else {
            throw APIError(.invalidBody, "an event_callback body needs its event_id", parameter: "event_id")
        }
        guard let event = payload["event"], event.objectValue != nil else {
            throw APIError(.invalidBody, "an event_callback body needs its event object", parameter: "event")
        }
        let type = String((event["type"]?.stringValue ?? "unknown").prefix(200))
        let subtype = event["subtype"]?.stringValue.map { String($0.prefix(200)) }
        let redacted = SlackPayloadRedaction.redacted(eventBody: payload).serializedString()
        let outcome = try writes.run { connection throws(StoreError) in
            try SlackEventStore(connection: connection).record(eventID: eventID, eventType: type, subtype: subtype,
                                                               headers: Self.keptSlackHeaders(request), redactedBody: redacted,
                                                               event: SlackEvent(event: event))
        }
        var body: JSONObject = ["event_id": .string(eventID), "event": .string(type)]
        switch outcome {
        case .duplicate:
            body["status"] = "duplicate"
        case .recorded(let id, let status, let reason):
            body["status"] = .string(status)
            body["id"] = .int(id)
            if let reason { body["reason"] = .string(reason) }
        }
        countWebhook(.slack, body["status"]?.stringValue ?? "applied")
        return .json(.object(body))
    }

    /// Slack's delivery headers worth keeping (never the signature).
    static func keptSlackHeaders(_ request: APIRequest) -> JSONValue {
        var kept = JSONObject()
        for name in ["content-type", "user-agent", "x-slack-request-timestamp", "x-slack-retry-num", "x-slack-retry-reason"] {
            if let value = request.header(name) { kept[name] = .string(String(value.prefix(500))) }
        }
        return .object(kept)
    }
}
