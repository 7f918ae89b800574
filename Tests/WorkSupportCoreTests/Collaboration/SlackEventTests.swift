import JSON
@testable import WorkSupportCore
import Testing

@Suite struct SlackEventTests {
    static func event(_ text: String) throws -> SlackEvent { SlackEvent(event: try JSONValue.parse(text)) }

    @Test func eachCollectedEventTypeIsRead() throws {
        guard case .message(let channel, let message) = try Self.event(
            #"{"type":"message","channel":"C1","user":"U1","ts":"1700000000.000100","text":"<@U2>"}"#) else {
            Issue.record("not a message"); return
        }
        #expect(channel == "C1" && message.mentions == ["U2"])
        guard case .messageChanged(_, let changed) = try Self.event(#"""
            {"type":"message","subtype":"message_changed","channel":"C1",
             "message":{"user":"U1","ts":"1700000000.000100","edited":{"ts":"1700000050.000000"},"text":"<@U3>"}}
            """#) else { Issue.record("not a change"); return }
        #expect(changed.ts == "1700000000.000100" && changed.mentions == ["U3"] && changed.editedAt != nil)
        #expect(try Self.event(#"{"type":"message","subtype":"message_deleted","channel":"C1","deleted_ts":"1.5"}"#)
                == .messageDeleted(channel: "C1", ts: "1.5"))
        #expect(try Self.event(#"{"type":"reaction_added","user":"U2","reaction":"eyes","item":{"type":"message","channel":"C1","ts":"1.5"}}"#)
                == .reactionAdded(channel: "C1", ts: "1.5", name: "eyes", user: "U2"))
        #expect(try Self.event(#"{"type":"reaction_removed","user":"U2","reaction":"eyes","item":{"type":"message","channel":"C1","ts":"1.5"}}"#)
                == .reactionRemoved(channel: "C1", ts: "1.5", name: "eyes", user: "U2"))
    }

    @Test func otherEventsAreNamedNotApplied() throws {
        #expect(try Self.event(#"{"type":"channel_created","channel":{"id":"C9"}}"#)
                == .other(reason: "event type channel_created is not collected"))
        #expect(try Self.event(#"{"type":"message","subtype":"channel_join","channel":"C1","ts":"1.5"}"#)
                == .other(reason: "message subtype channel_join is not collected"))
        #expect(try Self.event(#"{"type":"reaction_added","user":"U2","reaction":"eyes","item":{"type":"file","file":"F1"}}"#)
                == .other(reason: "a reaction on something other than a message"))
        #expect(try Self.event(#"{"type":"message","channel":"C1","user":"U1"}"#) == .other(reason: "a message event without a ts"))
    }

    @Test func reactionsAreAddedOnceAndAnEmptiedReactionGoes() {
        var reactions = SlackEvent.reactions([], adding: true, name: "+1", user: "U1")
        reactions = SlackEvent.reactions(reactions, adding: true, name: "+1", user: "U1")
        reactions = SlackEvent.reactions(reactions, adding: true, name: "+1", user: "U2")
        #expect(reactions == [SlackReaction(name: "+1", users: ["U1", "U2"], count: 2)])
        reactions = SlackEvent.reactions(reactions, adding: false, name: "+1", user: "U1")
        reactions = SlackEvent.reactions(reactions, adding: false, name: "+1", user: "U2")
        #expect(reactions == [])
        #expect(SlackEvent.reactions([], adding: false, name: "eyes", user: "U1") == [])
    }

    @Test func redactionRemovesTextBlocksAttachmentTextAndTheVerificationToken() throws {
        let body = try JSONValue.parse("""
            {"token":"vt","type":"event_callback","event_id":"Ev1","event":{"type":"message","subtype":"message_changed",
             "message":{"user":"U1","ts":"1.5","text":"secret words","blocks":[{"type":"rich_text"}],
                        "attachments":[{"id":1,"text":"attached words","fallback":"fb","title":"t","fields":[{"value":"v"}]}],
                        "files":[{"id":"F1","name":"plan.pdf","title":"Plan","size":10,"preview":"p"}]},
             "previous_message":{"text":"older words"}}}
            """)
        let redacted = SlackPayloadRedaction.redacted(eventBody: body)
        #expect(redacted.serializedString() == #"{"type":"event_callback","event_id":"Ev1","event":{"type":"message","subtype":"message_changed","message":{"user":"U1","ts":"1.5","attachments":[{"id":1}],"files":[{"id":"F1","size":10}]},"previous_message":{}}}"#)
    }
}
