import FoundationEssentials
import JSON
@testable import WorkSupportCore
import Testing

@Suite struct SlackMessageMetadataTests {
    static func message(_ text: String) throws -> SlackMessageMetadata {
        try #require(SlackMessageMetadata(message: try JSONValue.parse(text)))
    }

    @Test func mentionsComeFromRichTextUserElementsNotFromTheText() throws {
        let message = try Self.message("""
            {"type":"message","user":"U1","ts":"1700000000.000100","text":"hi <@U9> <@U2>",
             "blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[
               {"type":"text","text":"hi "},{"type":"user","user_id":"U2"},
               {"type":"rich_text_list","elements":[{"type":"user","user_id":"U3"},{"type":"user","user_id":"U2"}]}]}]}]}
            """)
        #expect(message.mentions == ["U2", "U3"])
    }

    @Test func withoutRichTextTheTextMarkupIsTheFallback() throws {
        let message = try Self.message("""
            {"type":"message","user":"U1","ts":"1700000000.000100","text":"<@U2|ann> and <@W3> not <@lower> nor <@U4",
             "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"<@U5>"}}]}
            """)
        #expect(message.mentions == ["U2", "W3"])
    }

    @Test func threadEditAndReactionsAreRead() throws {
        let message = try Self.message("""
            {"type":"message","user":"U1","ts":"1700000100.000200","thread_ts":"1700000000.000100",
             "edited":{"user":"U1","ts":"1700000200.000000"},
             "reactions":[{"name":"+1","users":["U2","U3"],"count":2},{"name":"eyes","users":["U2"]}]}
            """)
        #expect(message.isReply)
        #expect(message.threadTS == "1700000000.000100")
        #expect(message.postedAt == Date(timeIntervalSince1970: 1_700_000_100.0002))
        #expect(message.editedAt == Date(timeIntervalSince1970: 1_700_000_200))
        #expect(message.reactions == [SlackReaction(name: "+1", users: ["U2", "U3"], count: 2),
                                      SlackReaction(name: "eyes", users: ["U2"], count: 1)])
    }

    @Test func aParentIsNotAReplyAndKeepsItsReplyCount() throws {
        let message = try Self.message("""
            {"type":"message","user":"U1","ts":"1700000000.000100","thread_ts":"1700000000.000100","reply_count":3,
             "latest_reply":"1700000900.000100"}
            """)
        #expect(!message.isReply)
        #expect(message.replyCount == 3)
        #expect(message.latestReply == "1700000900.000100")
    }

    @Test func aBotMessageIsKeptAsSuchAndDrawsNoInteraction() throws {
        let message = try Self.message("""
            {"type":"message","subtype":"bot_message","bot_id":"B1","ts":"1700000000.000100","text":"deploy <@U2>"}
            """)
        #expect(message.isFromBot)
        #expect(message.userID == nil)
        #expect(SlackInteraction.of(message, channelID: "C1", parentAuthor: nil) == [])
    }

    @Test func aMessageWithoutATimestampIsNotRead() throws {
        #expect(SlackMessageMetadata(message: try JSONValue.parse(#"{"type":"message","user":"U1","text":"x"}"#)) == nil)
        #expect(SlackMessageMetadata(message: try JSONValue.parse(#"{"type":"message","ts":"soon"}"#)) == nil)
    }

    @Test func interactionsAreMentionsOfOthersAndTheReplyToTheThreadAuthor() throws {
        let reply = try Self.message("""
            {"type":"message","user":"U1","ts":"1700000100.000200","thread_ts":"1700000000.000100","text":"<@U1> <@U2> <@U3>"}
            """)
        let edges = SlackInteraction.of(reply, channelID: "C1", parentAuthor: "U2")
        #expect(edges.map { "\($0.kind.rawValue) \($0.actor)->\($0.target) \($0.sourceID)" } == [
            "MENTIONED U1->U2 C1:1700000100.000200", "MENTIONED U1->U3 C1:1700000100.000200",
            "REPLIED_TO U1->U2 C1:1700000100.000200",
        ])
        #expect(SlackInteraction.of(reply, channelID: "C1", parentAuthor: "U1").filter { $0.kind == .repliedTo } == [])
    }
}
