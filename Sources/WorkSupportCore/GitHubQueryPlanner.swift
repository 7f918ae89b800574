import FoundationEssentials

/// Builds the GitHub search queries of a harvest: per member with a `github_id`, per label, one
/// for issues and one for pull requests (the search API returns either, never both, per query).
public struct GitHubQueryPlanner: Sendable {
    public let team: [TeamMember]
    public let labels: [String]
    public let overlapMinutes: Int

    public init(team: [TeamMember], labels: [String], overlapMinutes: Int = HarvestConfig().overlapMinutes) {
        self.team = team
        self.labels = labels
        self.overlapMinutes = overlapMinutes
    }

    /// Incremental runs add `updated:>=YYYY-MM-DD` (UTC) for the cursor minus the overlap; the day
    /// granularity refetches at most a day, which the idempotent writer absorbs.
    public func queries(updatedSince cursor: Date? = nil) -> [GitHubSearchQuery] {
        let updated = cursor.map {
            " updated:>=" + CivilTime($0.addingTimeInterval(-Double(overlapMinutes) * 60)).dateText
        } ?? ""
        var queries: [GitHubSearchQuery] = []
        for member in team {
            guard let login = member.githubID, Self.isSafeLogin(login) else { continue }
            for label in labels {
                for kind in [GitHubSearchQuery.Kind.issue, .pullRequest] {
                    let text = "label:\(JQLText.quoted(label)) assignee:\(login) is:\(kind.rawValue)\(updated)"
                    queries.append(GitHubSearchQuery(memberID: member.id, login: login, label: label,
                                                     kind: kind, text: text))
                }
            }
        }
        return queries
    }

    /// GitHub logins are letters, digits and single hyphens; anything else would alter the query.
    static func isSafeLogin(_ login: String) -> Bool {
        !login.isEmpty && login.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
