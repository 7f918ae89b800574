import JSON
import WorkSupportCore
import WorkSupportStore

/// `GET /api/team/graph` (shape: OpenAPI `teamGraph`): User nodes for every member and everyone
/// an edge names, Issue and Channel nodes for what edges point at, then the edges. Written
/// straight from the rows: a month's graph has thousands of nodes and edges, and a JSON value
/// per field cost more than the database's part.
struct TeamGraphDocument {
    let rows: TeamGraphRows
    let window: TeamWindow

    func bytes() -> [UInt8] {
        let members = Dictionary(rows.members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var people = Set(members.keys)
        for edge in rows.edges {
            people.insert(edge.source)
            if edge.targetLabel == "User" { people.insert(edge.target) }
        }
        let edges = rows.edges.sorted { ($0.type, $0.source, $0.target) < ($1.type, $1.source, $1.target) }
        var writer = CompactJSONWriter(capacity: 160 * (people.count + rows.issues.count + rows.channels.count + edges.count) + 256)
        writer.writeRaw("{\"since\":")
        writer.writeString(RFC3339Text.utc(window.since))
        writer.writeRaw(",\"until\":")
        writer.writeString(RFC3339Text.utc(window.until))
        writer.writeRaw(",\"node_count\":")
        writer.writeInt(people.count + rows.issues.count + rows.channels.count)
        writer.writeRaw(",\"edge_count\":")
        writer.writeInt(edges.count)
        writer.writeRaw(",\"nodes\":[")
        var first = true
        func separate(_ writer: inout CompactJSONWriter) {
            if !first { writer.writeRaw(",") }
            first = false
        }
        for id in people.sorted() {
            separate(&writer)
            writer.writeRaw("{\"label\":\"User\",\"id\":")
            writer.writeString(id)
            if let member = members[id] {
                writer.writeRaw(",\"member\":true,\"name\":")
                writer.writeString(member.name)
                if let role = member.role {
                    writer.writeRaw(",\"role\":")
                    writer.writeString(role)
                }
                writer.writeRaw("}")
            } else {
                writer.writeRaw(",\"member\":false}")
            }
        }
        for issue in rows.issues {
            separate(&writer)
            writer.writeRaw("{\"label\":\"Issue\",\"id\":")
            writer.writeString(issue.key)
            if let summary = issue.summary {
                writer.writeRaw(",\"name\":")
                writer.writeString(summary)
            }
            if let status = issue.status {
                writer.writeRaw(",\"status\":")
                writer.writeString(status)
            }
            writer.writeRaw("}")
        }
        for channel in rows.channels {
            separate(&writer)
            writer.writeRaw("{\"label\":\"Channel\",\"id\":")
            writer.writeString(channel.id)
            if let name = channel.name {
                writer.writeRaw(",\"name\":")
                writer.writeString(name)
            }
            writer.writeRaw("}")
        }
        writer.writeRaw("],\"edges\":[")
        for (index, edge) in edges.enumerated() {
            writer.writeRaw(index == 0 ? "{\"type\":" : ",{\"type\":")
            writer.writeString(edge.type)
            writer.writeRaw(",\"source\":")
            writer.writeString(edge.source)
            writer.writeRaw(",\"target\":")
            writer.writeString(edge.target)
            writer.writeRaw(",\"target_label\":")
            writer.writeString(edge.targetLabel)
            writer.writeRaw(",\"count\":")
            writer.writeInt(edge.count)
            writer.writeRaw(",\"first\":")
            writer.writeString(edge.first)
            writer.writeRaw(",\"last\":")
            writer.writeString(edge.last)
            writer.writeRaw("}")
        }
        writer.writeRaw("]}")
        return writer.bytes
    }
}
