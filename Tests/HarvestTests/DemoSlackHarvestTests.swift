import Foundation
import Simulator
import Testing

/// Demo mode (`make run`): the simulator's generated config plus the simulator's Slack token is
/// all it takes for one harvest to collect Slack, with mentions and replies between the team.
@Suite struct DemoSlackHarvestTests {
    @Test func generatedConfigWithTheSimulatorsTokenHarvestsSlackEdgesBetweenTheTeam() throws {
        let fixture = try HarvestFixture(issues: 40, extraProperties: ["slack.token=\(SimSlackWorkspace.token)"])
        let report = try fixture.harvest()

        let db = try fixture.database.connect()
        let fetched: Int = try db.query("SELECT slack_messages_fetched FROM harvest_runs WHERE id = $1", [report.runID!])[0]
            .get("slack_messages_fetched")
        #expect(fetched > 0)
        let members = Set(fixture.dataset.members.map(\.id))
        let edges = try db.query("""
            SELECT kind, actor, target FROM interactions WHERE source = 'slack' AND kind IN ('MENTIONED', 'REPLIED_TO')
            """).map { (try $0.get("kind") as String, try $0.get("actor") as String, try $0.get("target") as String) }
        let betweenMembers = edges.filter { members.contains($0.1) && members.contains($0.2) }
        #expect(Set(betweenMembers.map(\.0)) == ["MENTIONED", "REPLIED_TO"])
        // Every configured member is one of the workspace's people, so each one shows up in Slack.
        #expect(Set(betweenMembers.flatMap { [$0.1, $0.2] }) == members)
    }
}
