import Foundation
import HTTPClient
import JSON

/// A Slack Web API method that answered `"ok": false` (Slack's errors come with HTTP 200).
public struct SlackAPIError: Error, CustomStringConvertible, Sendable {
    public var method: String
    /// Slack's error code: `not_in_channel`, `channel_not_found`, `invalid_auth`, …
    public var code: String

    public var description: String { "\(method): Slack answered \(code)" }

    /// The bot cannot read the channel (it left, or the channel is gone): skip it, go on.
    public var isChannelUnreadable: Bool { code == "not_in_channel" || code == "channel_not_found" }
}

/// The Slack Web API methods the collector uses, cursor-paged, with the bot token. Retries,
/// timeouts and `Retry-After` on 429 `ratelimited` are the transport's; each method's wait delays
/// only that call, since Slack limits each method on its own tier.
public final class SlackClient {
    let apiURL: String
    let token: String
    let transport: UpstreamTransport
    /// Slack advises at most 200 items a page for conversations.* and users.list.
    public static let pageLimit = 200

    public init(apiURL: String, token: String, transport: UpstreamTransport) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.token = token
        self.transport = transport
    }

    /// `conversations.list`: public and private channels, not archived ones.
    public func channels(onPage: ([JSONValue]) throws -> Void) throws {
        try pages("conversations.list", ["types": "public_channel,private_channel", "exclude_archived": "true"],
                  items: "channels", onPage: onPage)
    }

    /// `conversations.history` of `channel` after `oldest` (exclusive), newest first: thread
    /// parents and messages outside threads, with each parent's reply_count and latest_reply.
    public func history(channel: String, oldest: String?, onPage: ([JSONValue]) throws -> Void) throws {
        var parameters = ["channel": channel]
        if let oldest { parameters["oldest"] = oldest }
        try pages("conversations.history", parameters, items: "messages", onPage: onPage)
    }

    /// `conversations.replies` of the thread `ts`: the parent first, then its replies.
    public func replies(channel: String, ts: String) throws -> [JSONValue] {
        var all: [JSONValue] = []
        try pages("conversations.replies", ["channel": channel, "ts": ts], items: "messages") { all += $0 }
        return all
    }

    /// `users.list`: people, bots and deleted accounts.
    public func users(onPage: ([JSONValue]) throws -> Void) throws {
        try pages("users.list", [:], items: "members", onPage: onPage)
    }

    /// `auth.test`: whose the token is.
    public func authTest() throws -> JSONValue {
        try call("auth.test", [:]).json
    }

    func pages(_ method: String, _ parameters: [String: String], items key: String,
               onPage: ([JSONValue]) throws -> Void) throws {
        var cursor: String?
        repeat {
            var query = parameters
            query["limit"] = String(Self.pageLimit)
            if let cursor { query["cursor"] = cursor }
            let json = try call(method, query).json
            try onPage(json[key]?.arrayValue ?? [])
            cursor = json["response_metadata"]?["next_cursor"]?.stringValue
        } while !(cursor ?? "").isEmpty
    }

    func call(_ method: String, _ parameters: [String: String]) throws -> (json: JSONValue, response: HTTPResponse) {
        let url = Self.url(apiURL, method, parameters)
        let headers = [("Authorization", "Bearer \(token)"), ("User-Agent", "worksupport-harvest")]
        let response = try transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
        let json: JSONValue
        do {
            json = try JSONValue.parseStorable(response.body)
        } catch {
            throw UpstreamError(code: .invalidResponse, request: "GET \(url)", status: response.status, attempts: 1,
                                reason: "invalid JSON: \(error)")
        }
        guard json["ok"]?.boolValue == true else {
            throw SlackAPIError(method: method, code: json["error"]?.stringValue ?? "no ok in the answer")
        }
        return (json, response)
    }

    static func url(_ base: String, _ method: String, _ parameters: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = parameters.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        return "\(base)/\(method)" + (query.isEmpty ? "" : "?\(query)")
    }
}
