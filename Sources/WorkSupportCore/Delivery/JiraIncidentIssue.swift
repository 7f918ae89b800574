import FoundationEssentials
import JSON

/// A Jira issue matching `dora.incident_jql` as an incident: created = opened, `resolutiondate`
/// = resolved, the repository from a `repo:owner/name` label (without one it cannot be linked by
/// time), and the explicit references its summary and description name: a full commit sha, a pull
/// request `owner/repo#N`, a deployment (`deployment 123`).
public enum JiraIncidentIssue {
    public static let fields = ["summary", "created", "resolutiondate", "labels", "description"]

    public static func incident(_ issue: JSONValue) -> IngestedIncident? {
        guard let key = issue["key"]?.stringValue, let fields = issue["fields"],
              let created = fields["created"]?.stringValue.flatMap(UpstreamTimestamp.parse) else { return nil }
        let summary = fields["summary"]?.stringValue
        let text = [summary ?? "", plainText(fields["description"])].joined(separator: "\n")
        let labels = fields["labels"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let repo = labels.first { $0.hasPrefix("repo:") }.map { String($0.dropFirst("repo:".count)) }
        var resolved = fields["resolutiondate"]?.stringValue.flatMap(UpstreamTimestamp.parse)
        if let at = resolved, at < created { resolved = created }
        let pullRequest = text.firstMatch(of: /([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)#([0-9]+)/).map { "\($0.output.1)#\($0.output.2)" }
        return IngestedIncident(id: key, title: summary, repo: repo, createdAt: created, resolvedAt: resolved,
                                deploymentID: GitHubIncidentIssue.deploymentReference(text),
                                sha: GitHubIncidentIssue.shaReference(text), pullRequest: pullRequest)
    }

    /// The text of a description: plain (Jira Server) or Atlassian Document Format (Cloud v3).
    static func plainText(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let text = value.stringValue { return text }
        var parts: [String] = []
        func walk(_ node: JSONValue) {
            if let text = node["text"]?.stringValue { parts.append(text) }
            for child in node["content"]?.arrayValue ?? [] { walk(child) }
        }
        walk(value)
        return parts.joined(separator: " ")
    }
}
