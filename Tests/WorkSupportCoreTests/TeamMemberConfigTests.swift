import Testing
@testable import WorkSupportCore

/// `team.member.<id>.*` keys: a member needs a name and at least one account.
struct TeamMemberConfigTests {
    let database = "database.url=postgresql:///worksupport"

    @Test func membersKeepFileOrderAndOptionalAccounts() throws {
        let config = try ConfigFixtures.parse([
            database,
            "team.member.zed.name=Zed",
            "team.member.zed.github_id=zed-gh",
            "team.member.amy_1.name=Amy",
            "team.member.amy_1.jira_id=amy@company.com",
        ])
        #expect(config.team == [
            TeamMember(id: "zed", name: "Zed", jiraID: nil, githubID: "zed-gh"),
            TeamMember(id: "amy_1", name: "Amy", jiraID: "amy@company.com", githubID: nil),
        ])
    }

    @Test func memberWithoutNameIsRefusedAtItsFirstLine() {
        let error = ConfigFixtures.firstError([database, "team.member.jdoe.jira_id=557058:1b2c"])
        #expect(error == "worksupport.properties:2: team member 'jdoe' has no name (add team.member.jdoe.name)")
    }

    @Test func memberWithoutAnyAccountIsRefused() {
        let error = ConfigFixtures.firstError([database, "team.member.jdoe.name=John Doe"])
        #expect(error == "worksupport.properties:2: team member 'jdoe' needs team.member.jdoe.jira_id or team.member.jdoe.github_id")
    }

    @Test func memberIDWithADotIsRefused() {
        let error = ConfigFixtures.firstError([database, "team.member.j.doe.name=John"])
        #expect(error == "worksupport.properties:2: team.member.j.doe.name: team member id 'j.doe' may only contain letters, digits, '_' and '-'")
    }

    @Test func accountUsedByTwoMembersIsRefused() {
        let error = ConfigFixtures.firstError([
            database,
            "team.member.a.name=A", "team.member.a.github_id=Octo",
            "team.member.b.name=B", "team.member.b.github_id=octo",
        ])
        #expect(error == "worksupport.properties:5: team.member.b.github_id: 'octo' is already used by team member 'a'")
    }

    @Test func slackIDAndRoleAreRead() throws {
        let config = try ConfigFixtures.parse([
            database,
            "team.member.po1.name=Pat", "team.member.po1.jira_id=pat", "team.member.po1.slack_id=U0PAT",
            "team.member.po1.role=PO",
        ])
        #expect(config.team == [TeamMember(id: "po1", name: "Pat", jiraID: "pat", slackID: "U0PAT", role: "PO")])
        #expect(config.team.first?.isProductOwner == true)
    }

    @Test func slackIDUsedByTwoMembersIsRefused() {
        let error = ConfigFixtures.firstError([
            database,
            "team.member.a.name=A", "team.member.a.jira_id=a", "team.member.a.slack_id=U1",
            "team.member.b.name=B", "team.member.b.jira_id=b", "team.member.b.slack_id=U1",
        ])
        #expect(error == "worksupport.properties:7: team.member.b.slack_id: 'U1' is already used by team member 'a'")
    }
}
