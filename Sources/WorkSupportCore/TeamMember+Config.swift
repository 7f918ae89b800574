/// Reading the `team.member.<id>.{name,jira_id,github_id,slack_id,role}` keys.
extension TeamMember {
    /// Members in the order their first key appears in the file.
    static func readTeam(from reader: inout ConfigReader) -> [TeamMember] {
        let prefix = ConfigKeyPattern.teamMemberPrefix
        var memberIDs: [String] = []
        var firstLine: [String: Int] = [:]
        for key in reader.keys(withPrefix: prefix) {
            guard let (id, _) = ConfigKeyPattern.split(key, prefix: prefix), firstLine[id] == nil else { continue }
            memberIDs.append(id)
            firstLine[id] = reader.values[key]?.origin.line
        }

        var team: [TeamMember] = []
        var ownerOfAccount: [String: String] = [:]
        for id in memberIDs {
            let keyPrefix = "\(prefix)\(id)."
            let nameGiven = reader.values[keyPrefix + "name"] != nil
            let name = reader.string(keyPrefix + "name", .ifGiven)
            let accountsGiven = reader.values[keyPrefix + "jira_id"] != nil || reader.values[keyPrefix + "github_id"] != nil
            let jiraID = reader.string(keyPrefix + "jira_id", .ifGiven)
            let githubID = reader.string(keyPrefix + "github_id", .ifGiven)
            let slackID = reader.string(keyPrefix + "slack_id", .ifGiven)
            let role = reader.string(keyPrefix + "role", .ifGiven)
            if !nameGiven {
                reader.report(.incompleteTeamMember, key: keyPrefix + "name", line: firstLine[id],
                              "team member '\(id)' has no name (add \(keyPrefix)name)")
            }
            if !accountsGiven {
                reader.report(.incompleteTeamMember, key: keyPrefix + "jira_id", line: firstLine[id],
                              "team member '\(id)' needs \(keyPrefix)jira_id or \(keyPrefix)github_id")
            }
            // Assignees are matched to members by account, so one account must name one member.
            for (field, account) in [("jira_id", jiraID), ("github_id", githubID), ("slack_id", slackID)] {
                guard let account else { continue }
                let slot = "\(field)=\(account.lowercased())"
                if let owner = ownerOfAccount[slot] {
                    let key = keyPrefix + field
                    reader.report(.duplicateMemberAccount, key: key, line: reader.values[key]?.origin.line,
                                  "\(key): '\(account)' is already used by team member '\(owner)'")
                } else {
                    ownerOfAccount[slot] = id
                }
            }
            if let name, jiraID != nil || githubID != nil {
                team.append(TeamMember(id: id, name: name, jiraID: jiraID, githubID: githubID,
                                       slackID: slackID, role: role))
            }
        }
        return team
    }
}
