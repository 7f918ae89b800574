import API
import Foundation
import Harvest
import JSON
import Simulator
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// The Slack collector end to end against the simulated workspace: a full run, then an
/// incremental one after an edit, a deletion and a late reply, checked against the manifest.
@Suite(.serialized) struct SlackHarvestTests {
    @Test func fullRunStoresEveryReadableMessageAndItsInteractionsAsTheManifestSays() throws {
        let fixture = try SlackFixture()
        let report = try fixture.harvest()
        #expect(report.status == .completed)
        let manifest = fixture.manifest
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages") == manifest["messages"]?.intValue)
        for (channel, count) in manifest["messages_per_channel"]?.objectValue ?? [:] {
            #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = $1", [channel]) == count.intValue,
                    "channel \(channel)")
        }
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE kind = 'MENTIONED'")
                == manifest["mentioned"]?.intValue)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE kind = 'REPLIED_TO'")
                == manifest["replied_to"]?.intValue)
        // Configured members appear by member id, everyone else as slack:U….
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE actor = 'ana'") > 0)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE actor = 'slack:U0001' OR target = 'slack:U0001'") == 0)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE actor = 'slack:U0003'") > 0)
    }

    @Test func aChannelTheBotLeftIsSkippedAndCountedAndTheRunGoesOn() throws {
        let fixture = try SlackFixture()
        let report = try fixture.harvest()
        #expect(report.status == .completed)
        #expect(try fixture.strings("SELECT skipped_reason FROM slack_channels WHERE id = $1", [SimSlackWorkspace.leftChannelID])
                == ["not_in_channel"])
        #expect(try fixture.int("SELECT slack_channels_skipped FROM harvest_runs WHERE id = $1", [report.runID!]) == 1)
        // A channel the bot is not a member of is listed, never read.
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_channels WHERE id = $1", [SimSlackWorkspace.otherChannelID]) == 1)
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id IN ($1, $2)",
                                [SimSlackWorkspace.leftChannelID, SimSlackWorkspace.otherChannelID]) == 0)
        #expect(try fixture.int("SELECT count(*)::integer FROM harvest_errors") == 0)
    }

    @Test func ratelimitedHistoryWaitsRetryAfterAndLosesNoPage() throws {
        let fixture = try SlackFixture()
        #expect(try fixture.harvest().status == .completed)
        // Every fifth conversations.history call is answered 429 with Retry-After: 2.
        #expect(fixture.waits.all.filter { $0 == 2 }.count >= 1)
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages") == fixture.manifest["messages"]?.intValue)
    }

    @Test func botAndUnknownUserMessagesAreKeptAsSuchWithoutInteractionsFromTheBot() throws {
        let fixture = try SlackFixture()
        try fixture.harvest()
        let manifest = fixture.manifest
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE bot_id = $1", [SimSlackWorkspace.botID])
                == manifest["bot_messages"]?.intValue)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE actor = 'slack:' || $1", [SimSlackWorkspace.botUserID]) == 0)
        #expect(try fixture.int("SELECT is_bot::int FROM slack_users WHERE id = $1", [SimSlackWorkspace.botUserID]) == 1)
        #expect(try fixture.int("SELECT deleted::int FROM slack_users WHERE id = $1", [SimSlackWorkspace.deletedUserID]) == 1)
        // The unknown user is in no users.list: its messages are kept, and a join to users still answers.
        #expect(try fixture.int("""
            SELECT count(*)::integer FROM slack_messages m LEFT JOIN slack_users u ON u.id = m.user_id
            WHERE m.user_id = $1 AND u.id IS NULL
            """, [SimSlackWorkspace.unknownUserID]) == manifest["unknown_user_messages"]?.intValue)
        #expect((manifest["unknown_user_messages"]?.intValue ?? 0) > 0)
    }

    @Test func incrementalRunPicksUpTheEditTheDeletionAndTheLateReplyInsideTheLookback() throws {
        let fixture = try SlackFixture()
        try fixture.harvest()
        let full = try fixture.int("SELECT slack_messages_fetched FROM harvest_runs ORDER BY id DESC LIMIT 1")
        fixture.server.slack.advance()
        let manifest = fixture.manifest
        let report = try fixture.harvest()
        #expect(report.status == .completed)
        let edited = manifest["edited"]!.stringValue!.split(separator: ":").map(String.init)
        let deleted = manifest["deleted"]!.stringValue!.split(separator: ":").map(String.init)
        let thread = manifest["late_reply_thread"]!.stringValue!.split(separator: ":").map(String.init)

        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = $1 AND ts = $2 AND edited_at IS NOT NULL",
                                edited) == 1)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE source_id = $1 AND kind = 'MENTIONED'",
                                [manifest["edited"]!.stringValue!]) == 1)
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = $1 AND ts = $2", deleted) == 0)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE source_id = $1",
                                [manifest["deleted"]!.stringValue!]) == 0)
        #expect(try fixture.int("SELECT reply_count FROM slack_messages WHERE channel_id = $1 AND ts = $2", thread)
                == fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = $1 AND thread_ts = $2 AND ts <> $2", thread))
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages") == manifest["messages"]?.intValue)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE kind = 'MENTIONED'") == manifest["mentioned"]?.intValue)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE kind = 'REPLIED_TO'") == manifest["replied_to"]?.intValue)
        let run = report.runID!
        #expect(try fixture.int("SELECT slack_messages_deleted FROM harvest_runs WHERE id = $1", [run]) == 1)
        // Only the lookback was read again.
        #expect(try fixture.int("SELECT slack_messages_fetched FROM harvest_runs WHERE id = $1", [run]) < full)

        // Nothing changed upstream: a third run writes no message.
        let again = try fixture.harvest()
        #expect(try fixture.int("SELECT slack_messages_written FROM harvest_runs WHERE id = $1", [again.runID!]) == 0)
    }

    @Test func messagesPastRetentionArePrunedWithTheirInteractions() throws {
        let fixture = try SlackFixture(slack: .init(messages: 1200, days: 60))
        try fixture.harvest()
        // The workspace spans 60 days; the default retention (365) keeps all of it.
        let before = try fixture.int("SELECT count(*)::integer FROM slack_messages")
        _ = try fixture.database.connect().query("UPDATE slack_messages SET posted_at = posted_at - interval '400 days' WHERE channel_id = 'C0002'")
        _ = try fixture.database.connect().query("UPDATE interactions SET occurred_at = occurred_at - interval '400 days' WHERE channel_id = 'C0002'")
        let old = try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = 'C0002'")
        let report = try fixture.harvest()
        #expect(try fixture.int("SELECT slack_messages_pruned FROM harvest_runs WHERE id = $1", [report.runID!]) == old)
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages WHERE channel_id = 'C0002'") == 0)
        #expect(try fixture.int("SELECT count(*)::integer FROM interactions WHERE channel_id = 'C0002'") == 0)
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages") == before - old)
    }

    @Test func noMessageTextReachesAnyTable() throws {
        let fixture = try SlackFixture()
        try fixture.harvest()
        fixture.server.slack.advance()
        try fixture.harvest()
        // Every Events API delivery too, applied by the API as a worker would.
        let app = APIApplication(config: fixture.config)
        let events = SimSlackEvents(workspace: fixture.server.slack, secret: "sim-slack-signing-secret",
                                    timestamp: Int64(Date().timeIntervalSince1970))
        for (_, kind, delivery) in events.deliveries() {
            var headers: [String: String] = [:]
            for (name, value) in delivery.headers { headers[name] = value }
            let response = app.handle(APIRequest(method: "POST", path: "/api/ingest/slack", headers: headers, body: delivery.body))
            #expect(response.status == 200, "\(kind): \(String(decoding: response.body, as: UTF8.self))")
        }
        #expect(try fixture.int("SELECT count(*)::integer FROM webhook_deliveries WHERE source = 'slack'") == 6)
        #expect(try fixture.int("SELECT count(*)::integer FROM slack_messages") > 0)
        #expect(try fixture.columnsContaining(SimSlackWorkspace.textMarker) == [])
        // The search finds the marker where it is (so the empty answer above means something).
        try fixture.database.connect().execute("UPDATE slack_channels SET name = name || '\(SimSlackWorkspace.textMarker)' WHERE id = 'C0001'")
        #expect(try fixture.columnsContaining(SimSlackWorkspace.textMarker) == ["slack_channels.name"])
    }
}
