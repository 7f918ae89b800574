import FoundationEssentials
import Testing
@testable import WorkSupportCore

@Suite struct Neo4jExportTests {
    @Test func csvFieldsWithCommasQuotesAndLineBreaksAreQuoted() {
        #expect(Neo4jExport.field("plain") == "plain")
        #expect(Neo4jExport.field("a,b") == "\"a,b\"")
        #expect(Neo4jExport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Neo4jExport.field("two\nlines") == "\"two\nlines\"")
        #expect(Neo4jExport.field("") == "\"\"")
    }

    @Test func cypherLiteralsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(Neo4jExport.literal(nil) == "null")
        #expect(Neo4jExport.literal("O'Brien \\ x\n\u{1}") == "'O\\'Brien \\\\ x\\n\\u0001'")
    }

    @Test func cypherMergesEveryNodeAndEdgeOnItsIdentity() {
        let graph = CollaborationGraphData(
            users: [.init(id: "ann", name: "Ann", isMember: true, role: "po"), .init(id: "github:bob", name: nil, isMember: false, role: nil)],
            issues: [.init(key: "o/r#1", summary: "Fix 'quotes'", status: "open", source: "github")], channels: [],
            interactions: [.init(kind: "REVIEWED", actor: "ann", target: "github:bob", issueKey: "o/r#1", channelID: nil,
                                 occurredAt: Date(timeIntervalSince1970: 0), source: "github", sourceID: "7")])
        let script = Neo4jExport.cypher(graph)
        #expect(script.contains("MERGE (n:User {id: 'ann'}) SET n.name = 'Ann', n.member = true, n.role = 'po';"))
        #expect(script.contains("MERGE (n:Issue {key: 'o/r#1'}) SET n.summary = 'Fix \\'quotes\\''"))
        #expect(script.contains("MATCH (a:User {id: 'ann'}), (b:User {id: 'github:bob'}) MERGE (a)-[r:REVIEWED {source: 'github', source_id: '7'}]->(b) SET r.occurred_at = datetime('1970-01-01T00:00:00Z')"))
        #expect(!script.contains("CREATE (") )
    }
}
