import Foundation
import JSON
import Postgres
import Simulator
import TestKit
import Testing

/// Slack's Events API at `POST /api/ingest/slack` through real nginx and the worker pool, with
/// the simulator's signed deliveries.
@Suite(.serialized) struct SlackEventsThroughNginxTests {
    static let secret = "sim-slack-signing-secret"

    final class Stack: @unchecked Sendable {
        let pool: TestPool
        let nginx: TestNginx
        let connection: PostgresConnection
        let events: SimSlackEvents

        init(function: String = #function) throws {
            pool = try TestPool(workers: 2, configLines: [
                "team.member.ana.name=Ana", "team.member.ana.github_id=ana-sim", "team.member.ana.slack_id=U0001",
                "slack.signing_secret=\(SlackEventsThroughNginxTests.secret)",
            ], function: function)
            guard pool.waitUntilReady() else { throw TestEnvironmentError("pool not ready: \(pool.log)") }
            nginx = try TestNginx(upstreamSocket: pool.socketPath)
            let config = try String(contentsOfFile: pool.configPath, encoding: .utf8)
            guard let line = config.split(separator: "\n").first(where: { $0.hasPrefix("database.url=") }) else {
                throw TestEnvironmentError("no database.url in \(pool.configPath)")
            }
            connection = try PostgresConnection(url: String(line.dropFirst("database.url=".count)))
            events = SimSlackEvents(workspace: SimSlackWorkspace(.init(messages: 40)), secret: SlackEventsThroughNginxTests.secret,
                                    timestamp: Int64(Date().timeIntervalSince1970))
        }

        deinit {
            nginx.stop()
            pool.stop()
        }

        func send(_ delivery: WebhookDelivery) throws -> HTTPTestClient.Response {
            try nginx.client.send("POST", "/api/ingest/slack", headers: delivery.headers, body: delivery.body)
        }

        func delivery(_ kind: String) -> WebhookDelivery {
            events.deliveries().first { $0.kind == kind }!.delivery
        }

        func int(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
            try connection.query(sql, parameters)[0].get(0)
        }

        func text(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> String? {
            try connection.query(sql, parameters).first?.get(0)
        }
    }

    @Test func urlVerificationIsAnsweredWithItsChallengeAndStoresNothing() throws {
        let stack = try Stack()
        let response = try stack.send(stack.delivery("url_verification"))
        #expect(response.status == 200)
        #expect(response.json?["challenge"] as? String == SimSlackEvents.challenge)
        #expect(try stack.int("SELECT count(*)::integer FROM webhook_deliveries") == 0)
    }

    @Test func badStaleOrMissingSignatureIs401AndNothingStored() throws {
        let stack = try Stack()
        let body: JSONValue = stack.events.callback(["type": "message", "channel": "C0001", "user": "U0001",
                                                     "ts": "1700000000.000100", "text": "x"], id: "EvBAD")
        let wrong = stack.events.signed(body, id: "EvBAD", secret: "not-the-secret")
        let stale = stack.events.signed(body, id: "EvBAD", timestamp: stack.events.timestamp - 301)
        let future = stack.events.signed(body, id: "EvBAD", timestamp: stack.events.timestamp + 400)
        var unsigned = stack.events.signed(body, id: "EvBAD")
        unsigned.headers.removeAll { $0.0 == "X-Slack-Signature" }
        for (name, delivery) in [("wrong secret", wrong), ("stale", stale), ("future", future), ("unsigned", unsigned)] {
            let response = try stack.send(delivery)
            #expect(response.status == 401, "\(name): \(response.text)")
            #expect(((response.json?["error"] as? [String: Any])?["code"] as? String) == "invalid_signature", "\(name)")
        }
        #expect(try stack.int("SELECT count(*)::integer FROM webhook_deliveries") == 0)
        #expect(try stack.int("SELECT count(*)::integer FROM slack_messages") == 0)
        let metrics = try stack.nginx.client.get("/metrics").text
        #expect(metrics.contains("worksupport_webhook_deliveries_total{source=\"slack\",outcome=\"rejected_signature\"} 4"))
    }

    @Test func aRetriedEventIsStoredOnce() throws {
        let stack = try Stack()
        let first = stack.events.deliveries().first { $0.kind == "message" }!
        #expect(try stack.send(first.delivery).json?["status"] as? String == "applied")
        let body = try JSONValue.parse(first.delivery.body)
        let retry = try stack.send(stack.events.signed(body, id: first.id, retry: 1))
        #expect(retry.status == 200)
        #expect(retry.json?["status"] as? String == "duplicate")
        #expect(try stack.int("SELECT count(*)::integer FROM webhook_deliveries WHERE source = 'slack' AND delivery_id = $1",
                              [first.id]) == 1)
        #expect(try stack.int("SELECT count(*)::integer FROM slack_messages") == 1)
    }

    @Test func everyEventTypeIsAppliedAndNoTextIsStored() throws {
        let stack = try Stack()
        let events = stack.events
        let new = [events.channel, events.newMessageTS]
        // The harvest mirrors the configured team into team_members; here no harvest ran.
        _ = try stack.connection.query("""
            INSERT INTO team_members (member_id, name, github_id, slack_id) VALUES ('ana', 'Ana', 'ana-sim', 'U0001')
            ON CONFLICT (member_id) DO NOTHING
            """)
        func send(_ kind: String) throws {
            let response = try stack.send(stack.delivery(kind))
            #expect(response.status == 200, "\(kind): \(response.text)")
            #expect(response.json?["status"] as? String == "applied", "\(kind): \(response.text)")
        }
        try send("message")
        #expect(try stack.text("SELECT mentions::text FROM slack_messages WHERE channel_id = $1 AND ts = $2", new) == "{U0002}")
        #expect(try stack.int("SELECT count(*)::integer FROM interactions WHERE actor = 'ana' AND target = 'slack:U0002' AND kind = 'MENTIONED'") == 1)
        try send("reply")
        #expect(try stack.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = $1 AND ts = $2 AND thread_ts = $3",
                              [events.channel, events.replyTS, events.threadTS]) == 1)
        try send("message_changed")
        #expect(try stack.text("SELECT mentions::text FROM slack_messages WHERE channel_id = $1 AND ts = $2 AND edited_at IS NOT NULL",
                               new) == "{U0002,U0004}")
        #expect(try stack.int("SELECT count(*)::integer FROM interactions WHERE source_id = $1", [new.joined(separator: ":")]) == 2)
        try send("reaction_added")
        #expect(try stack.text("SELECT reactions::text FROM slack_messages WHERE channel_id = $1 AND ts = $2", new)
                == #"[{"name": "+1", "count": 1, "users": ["U0002"]}]"#)
        try send("reaction_removed")
        #expect(try stack.text("SELECT reactions::text FROM slack_messages WHERE channel_id = $1 AND ts = $2", new) == "[]")
        try send("message_deleted")
        #expect(try stack.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = $1 AND ts = $2",
                              [events.channel, events.replyTS]) == 0)

        // Stored raw, event by event, without a word anyone wrote (nor the verification token).
        #expect(try stack.int("SELECT count(*)::integer FROM webhook_deliveries WHERE source = 'slack'") == 6)
        #expect(try stack.int("SELECT count(*)::integer FROM webhook_deliveries WHERE body::text LIKE '%' || $1 || '%'",
                              [SimSlackWorkspace.textMarker]) == 0)
        #expect(try stack.int("SELECT count(*)::integer FROM webhook_deliveries WHERE body::text LIKE '%verification-token%'") == 0)
        #expect(try stack.text("SELECT body #>> '{event,message,edited,user}' FROM webhook_deliveries WHERE action = 'message_changed'")
                == "U0001")
        let metrics = try stack.nginx.client.get("/metrics").text
        #expect(metrics.contains("worksupport_webhook_deliveries_total{source=\"slack\",outcome=\"applied\"} 6"))
    }

    @Test func withoutASigningSecretTheEndpointSays503() throws {
        let pool = try TestPool(workers: 1, configLines: [])
        defer { pool.stop() }
        guard pool.waitUntilReady() else { throw TestEnvironmentError("pool not ready: \(pool.log)") }
        let nginx = try TestNginx(upstreamSocket: pool.socketPath)
        defer { nginx.stop() }
        let events = SimSlackEvents(workspace: SimSlackWorkspace(.init(messages: 20)), secret: Self.secret,
                                    timestamp: Int64(Date().timeIntervalSince1970))
        let delivery = events.deliveries()[1].delivery
        let response = try nginx.client.send("POST", "/api/ingest/slack", headers: delivery.headers, body: delivery.body)
        #expect(response.status == 503)
        #expect(((response.json?["error"] as? [String: Any])?["code"] as? String) == "webhook_not_configured")
    }
}
