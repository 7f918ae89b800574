import FoundationEssentials

/// Writes the collaboration graph for Neo4j: CSV files with `neo4j-admin database import`
/// headers (one per node label and per relationship type), or a Cypher script of MERGE
/// statements that gives the same graph however often it runs. Pure: returns (file name, text).
public enum Neo4jExport {
    public static func csvFiles(_ graph: CollaborationGraphData) -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        files.append(("nodes-User.csv", csv(["id:ID(User)", "name", "member:boolean", "role", ":LABEL"],
                                            graph.users.map { [$0.id, $0.name, $0.isMember ? "true" : "false", $0.role, "User"] })))
        files.append(("nodes-Issue.csv", csv(["key:ID(Issue)", "summary", "status", "source", ":LABEL"],
                                             graph.issues.map { [$0.key, $0.summary, $0.status, $0.source, "Issue"] })))
        files.append(("nodes-Channel.csv", csv(["id:ID(Channel)", "name", ":LABEL"], graph.channels.map { [$0.id, $0.name, "Channel"] })))
        for kind in CollaborationGraphData.kinds {
            let end = kind == "ASSIGNED_TO" || kind == "COMMENTED_ON" ? "Issue" : "User"
            let rows = graph.interactions.filter { $0.kind == kind }.map { edge -> [String?] in
                [edge.actor, edge.target, RFC3339Text.utc(edge.occurredAt), edge.source, edge.sourceID, edge.issueKey,
                 edge.channelID, kind]
            }
            files.append(("rels-\(kind).csv", csv([":START_ID(User)", ":END_ID(\(end))", "occurred_at:datetime", "source",
                                                  "source_id", "issue_key", "channel_id", ":TYPE"], rows)))
        }
        files.append(("rels-IN_CHANNEL.csv", csv([":START_ID(User)", ":END_ID(Channel)", "count:long", ":TYPE"],
                                                 graph.channelPresence.map { [$0.user, $0.channel, String($0.count), "IN_CHANNEL"] })))
        return files
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; nil is an
    /// empty field (which neo4j-admin reads as no property).
    static func csv(_ header: [String], _ rows: [[String?]]) -> String {
        var text = header.map { field($0) }.joined(separator: ",") + "\n"
        for row in rows { text += row.map { $0.map(field) ?? "" }.joined(separator: ",") + "\n" }
        return text
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || value.isEmpty else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// Constraints first (MERGE needs them to be fast and unique), then nodes, then relationships
    /// merged on their identity (`source`, `source_id`) with their other properties SET.
    public static func cypher(_ graph: CollaborationGraphData) -> String {
        var lines = [
            "CREATE CONSTRAINT worksupport_user IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;",
            "CREATE CONSTRAINT worksupport_issue IF NOT EXISTS FOR (n:Issue) REQUIRE n.key IS UNIQUE;",
            "CREATE CONSTRAINT worksupport_channel IF NOT EXISTS FOR (n:Channel) REQUIRE n.id IS UNIQUE;",
        ]
        for user in graph.users {
            lines.append("MERGE (n:User {id: \(literal(user.id))}) SET n.name = \(literal(user.name)), n.member = \(user.isMember), n.role = \(literal(user.role));")
        }
        for issue in graph.issues {
            lines.append("MERGE (n:Issue {key: \(literal(issue.key))}) SET n.summary = \(literal(issue.summary)), n.status = \(literal(issue.status)), n.source = \(literal(issue.source));")
        }
        for channel in graph.channels {
            lines.append("MERGE (n:Channel {id: \(literal(channel.id))}) SET n.name = \(literal(channel.name));")
        }
        for edge in graph.interactions {
            let end = edge.targetsIssue ? "(b:Issue {key: \(literal(edge.target))})" : "(b:User {id: \(literal(edge.target))})"
            lines.append("MATCH (a:User {id: \(literal(edge.actor))}), \(end) MERGE (a)-[r:\(edge.kind) {source: \(literal(edge.source)), source_id: \(literal(edge.sourceID))}]->(b) SET r.occurred_at = datetime(\(literal(RFC3339Text.utc(edge.occurredAt)))), r.issue_key = \(literal(edge.issueKey)), r.channel_id = \(literal(edge.channelID));")
        }
        for presence in graph.channelPresence {
            lines.append("MATCH (a:User {id: \(literal(presence.user))}), (b:Channel {id: \(literal(presence.channel))}) MERGE (a)-[r:IN_CHANNEL]->(b) SET r.count = \(presence.count);")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Cypher string literal: single quotes, with backslash escapes for quotes, backslashes
    /// and control characters; `null` for nil.
    static func literal(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }
}
