import FoundationEssentials
import TextUtilities
import JSON
import Postgres
import WorkSupportCore
import WorkSupportStore

/// What the two ingest routes share: the checks after the signature, and recording a delivery.
/// Every refusal throws before anything is stored; `handle` counts it in `/metrics`.
extension APIApplication {
    /// Headers kept with a delivery (never the signature): enough to trace it back upstream.
    static let keptWebhookHeaders = [
        "content-type", "user-agent", "x-github-event", "x-github-delivery", "x-github-hook-id",
        "x-github-hook-installation-target-id", "x-github-hook-installation-target-type",
        "x-atlassian-webhook-identifier", "x-atlassian-webhook-retry", "x-atlassian-webhook-flow",
    ]

    static func requireJSONContentType(_ request: APIRequest) throws(APIError) {
        let type = request.header("content-type") ?? ""
        let mediaType = type.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingSpaces().lowercased()
        }
        guard mediaType == "application/json" else {
            throw APIError(.unsupportedMediaType, type.isEmpty
                ? "send the delivery as application/json (no Content-Type was given)"
                : "send the delivery as application/json, not \(type.prefix(60)) (set the webhook's content type to application/json)")
        }
    }

    /// A header that must be present, non-empty and short.
    static func requiredHeader(_ request: APIRequest, _ name: String) throws(APIError) -> String {
        guard let value = request.header(name)?.trimmingSpaces(), !value.isEmpty else {
            throw APIError(.missingHeader, "the \(name) header is required", parameter: name)
        }
        // Unicode scalars, as the OpenAPI document's maxLength counts.
        guard value.unicodeScalars.count <= 200 else {
            throw APIError(.missingHeader, "the \(name) header is longer than 200 characters", parameter: name)
        }
        return value
    }

    /// The body as a JSON object, and the text to store: the body as sent, its strings in the
    /// stored form of `StorableText` (NULs and lone surrogates kept as escapes). One with an integer past 64 bits (valid JSON, though GitHub and Jira send none)
    /// is read with every number as a double, and stored exactly, rather than refused.
    static func webhookPayload(_ request: APIRequest) throws(APIError) -> (payload: JSONValue, text: String) {
        let payload: JSONValue
        let body = StorableText.escapingUnstorable(inJSON: request.body)
        do throws(JSONError) {
            do throws(JSONError) {
                payload = try JSONValue.parse(body)
            } catch where error.code == .numericOverflow {
                payload = try JSONValue.parse(body, integersAsReal: true)
            }
        } catch {
            throw APIError(.invalidBody, "the body is not valid JSON: \(error.message)")
        }
        guard payload.objectValue != nil else { throw APIError(.invalidBody, "the body must be a JSON object") }
        return (payload, String(decoding: body, as: UTF8.self))
    }

    static func keptHeaders(_ request: APIRequest) -> JSONValue {
        var kept = JSONObject()
        for name in keptWebhookHeaders {
            if let value = request.header(name) { kept[name] = .string(String(value.prefix(500))) }
        }
        return .object(kept)
    }

    /// Stores and applies the delivery in one transaction. 200 when it was handled (applied,
    /// ignored, duplicate, or a ping), 202 when it was only stored (other events, or a payload
    /// that failed to apply and waits for a replay).
    func ingest(_ delivery: WebhookDelivery) throws(APIError) -> APIResponse {
        let effect = webhookInterpreter.effect(of: delivery)
        let outcome = try writes.run { connection throws(StoreError) in
            try WebhookDeliveryStore(connection: connection, anomalyPass: anomalyPass(on: connection),
                                     delivery: config.delivery).record(delivery, effect: effect)
        }
        var body: JSONObject = ["delivery_id": .string(delivery.deliveryID), "event": .string(delivery.event)]
        let status: String
        switch outcome {
        case .duplicate:
            status = "duplicate"
        case .recorded(let id, let recorded, let written):
            status = recorded
            body["id"] = .int(id)
            body["written"] = .bool(written)
            if let key = effect.issueKey { body["issue_key"] = .string(key) }
            if case .fail(_, let reason) = effect { body["error"] = .string(reason) }
            if case .ignore(_, _, let reason) = effect { body["reason"] = .string(reason) }
        }
        body["status"] = .string(status)
        countWebhook(delivery.source, status)
        let handled = status == "applied" || status == "ignored" || status == "duplicate"
            || (delivery.source == .github && delivery.event == "ping")
        return .json(status: handled ? 200 : 202, .object(body))
    }

    /// The anomaly pass each applied delivery runs for its issue (docs/anomalies.md).
    func anomalyPass(on connection: PostgresConnection) -> AnomalyPass {
        AnomalyPass(connection: connection, anomaly: config.anomaly, release: config.release)
    }

    func countWebhook(_ source: WebhookDelivery.Source, _ outcome: String) {
        metrics.count(WebhookMetrics.index(source: source, outcome: outcome))
    }

    func countGenericIngest(_ outcome: String) {
        metrics.count(WebhookMetrics.genericIndex(outcome: outcome))
    }
}
