import Foundation
import HTTPServer
import JSON

/// Slack's Web API methods under `/api/<method>` (answers in Slack's shape: HTTP 200 with
/// `"ok": false` for errors, 429 with `Retry-After` for `ratelimited`), cursor-paged, and the
/// workspace's control under `/_sim/slack/` (`manifest`, `advance`).
struct SimSlackRoutes: Sendable {
    let workspace: SimSlackWorkspace

    func handle(_ request: HTTPServerRequest) -> HTTPServerResponse {
        if request.path == "/_sim/slack/manifest" { return SimResponses.json(200, workspace.manifest()) }
        if request.path == "/_sim/slack/advance", request.method == "POST" {
            workspace.advance()
            return SimResponses.json(200, workspace.manifest())
        }
        let method = String(request.path.dropFirst("/api/".count))
        guard request.header("Authorization") == "Bearer \(SimSlackWorkspace.token)" else {
            return error(request.header("Authorization") == nil ? "not_authed" : "invalid_auth")
        }
        if workspace.isRateLimited(method) {
            return SimResponses.json(429, ["ok": false, "error": "ratelimited"],
                                     headers: [("Retry-After", String(workspace.options.retryAfterSeconds))])
        }
        let limit = min(1000, max(1, Int(request.query("limit") ?? "") ?? 100))
        let offset = Int(request.query("cursor")?.dropFirst("next:".count) ?? "") ?? 0
        switch method {
        case "auth.test":
            return SimResponses.json(200, ["ok": true, "url": "https://sim.slack.invalid/", "team": "Sim Workspace",
                                           "user": "worksupport", "team_id": "T0SIM", "user_id": .string(SimSlackWorkspace.botUserID)])
        case "users.list":
            return page(workspace.userObjects(), key: "members", offset: offset, limit: limit)
        case "conversations.list":
            return page(workspace.channelObjects(), key: "channels", offset: offset, limit: limit)
        case "conversations.history":
            guard let channel = request.query("channel") else { return error("channel_not_found") }
            switch workspace.history(channel: channel, oldest: request.query("oldest"), page: offset..<(offset + limit)) {
            case .failure(let code): return error(code.rawValue)
            case .success(let result):
                return page(result.page, key: "messages", next: offset + limit < result.total ? offset + limit : nil)
            }
        case "conversations.replies":
            guard let channel = request.query("channel"), let ts = request.query("ts") else { return error("thread_not_found") }
            switch workspace.replies(channel: channel, ts: ts) {
            case .failure(let code): return error(code.rawValue)
            case .success(let messages): return page(messages, key: "messages", offset: offset, limit: limit)
            }
        default:
            return error("unknown_method")
        }
    }

    /// The page `offset..<offset+limit` of `items`.
    func page(_ items: [JSONValue], key: String, offset: Int, limit: Int) -> HTTPServerResponse {
        let start = min(offset, items.count)
        let end = min(items.count, start + limit)
        return page(Array(items[start..<end]), key: key, next: end < items.count ? end : nil)
    }

    /// One page already cut; `next` is the offset the next page starts at, nil after the last.
    func page(_ items: [JSONValue], key: String, next: Int?) -> HTTPServerResponse {
        var body: JSONObject = ["ok": true, "has_more": .bool(next != nil),
                                "response_metadata": ["next_cursor": .string(next.map { "next:\($0)" } ?? "")]]
        body[key] = .array(items)
        return SimResponses.json(200, .object(body))
    }

    func error(_ code: String) -> HTTPServerResponse {
        SimResponses.json(200, ["ok": false, "error": .string(code)])
    }
}

/// Slack's error codes the simulator answers.
enum SimSlackError: String, Error {
    case notInChannel = "not_in_channel"
    case channelNotFound = "channel_not_found"
    case threadNotFound = "thread_not_found"
}
