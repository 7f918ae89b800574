import FoundationEssentials
import JSON

/// A GitHub issue labelled `dora.incident_label` as an incident: opened = created, closed =
/// resolved, and the explicit references its body names — a full commit sha, a pull request
/// (`#N` or `owner/repo#N`), a deployment (`deployment 123`).
public enum GitHubIncidentIssue {
    public static func incident(_ issue: JSONValue, repo: String) -> IngestedIncident? {
        guard issue["pull_request"] == nil, let number = issue["number"]?.intValue,
              let created = issue["created_at"]?.stringValue.flatMap(UpstreamTimestamp.parse) else { return nil }
        let body = issue["body"]?.stringValue ?? ""
        var resolved = issue["closed_at"]?.stringValue.flatMap(UpstreamTimestamp.parse)
        if let closed = resolved, closed < created { resolved = created }
        return IngestedIncident(id: "\(repo)#\(number)", title: issue["title"]?.stringValue, repo: repo,
                                createdAt: created, resolvedAt: resolved, deploymentID: deploymentReference(body),
                                sha: shaReference(body), pullRequest: pullRequestReference(body, repo: repo))
    }

    static func shaReference(_ text: String) -> String? {
        text.firstMatch(of: /\b[0-9a-f]{40}\b/).map { String($0.output) }
    }

    static func pullRequestReference(_ text: String, repo: String) -> String? {
        if let full = text.firstMatch(of: /([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)#([0-9]+)/) {
            return "\(full.output.1)#\(full.output.2)"
        }
        return text.firstMatch(of: /(?:^|\s)#([0-9]+)\b/).map { "\(repo)#\($0.output.1)" }
    }

    static func deploymentReference(_ text: String) -> String? {
        text.firstMatch(of: /[Dd]eployment:? #?([0-9]+)/).map { String($0.output.1) }
    }
}
