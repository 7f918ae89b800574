import JSON
import WorkSupportStore

/// `{"hierarchy":[…],"total_count":N,"harvested_at":…}` of `GET /api/issues/hierarchy`, with the
/// nested nodes written as the depth-first rows come: a node's object stays open (its
/// `"children":[`) until a row at its depth or above arrives. No tree is built: for 2k nodes
/// that cost more than the database's query.
enum HierarchyDocument {
    static func bytes(_ rows: HierarchyRows, harvestedAt: String?) -> [UInt8] {
        var writer = CompactJSONWriter(capacity: 256 * (rows.count + 4))
        writer.writeRaw("{\"hierarchy\":")
        write(rows, into: &writer)
        writer.finishListDocument(totalCount: rows.count, harvestedAt: harvestedAt)
        return writer.bytes
    }

    private static func write(_ rows: HierarchyRows, into writer: inout CompactJSONWriter) {
        writer.writeRaw("[")
        var openDepth = -1  // depth of the innermost node whose children are still being written
        var firstInList = true
        for row in 0..<rows.count {
            let depth = rows.depth(row)
            while openDepth >= depth {
                writer.writeRaw("]}")
                openDepth -= 1
                firstInList = false
            }
            if !firstInList { writer.writeRaw(",") }
            writeNode(rows, row, into: &writer)
            writer.writeRaw(",\"children\":[")
            openDepth = depth
            firstInList = true
        }
        while openDepth >= 0 {
            writer.writeRaw("]}")
            openDepth -= 1
        }
        writer.writeRaw("]")
    }

    /// A node's members up to its children, spelled out as static text: a table of member
    /// prefixes cost a retain and a release per cell (as it did in the release view).
    private static func writeNode(_ rows: HierarchyRows, _ row: Int, into writer: inout CompactJSONWriter) {
        writer.writeRaw("{\"issue_key\":")
        writeString(rows, row, .issueKey, into: &writer)
        writer.writeRaw(",\"summary\":")
        writeString(rows, row, .summary, into: &writer)
        writer.writeRaw(",\"issue_type\":")
        writeString(rows, row, .issueType, into: &writer)
        writer.writeRaw(",\"status\":")
        writeString(rows, row, .status, into: &writer)
        writer.writeRaw(",\"assignee\":")
        writeString(rows, row, .assignee, into: &writer)
        writer.writeRaw(",\"assignee_name\":")
        writeString(rows, row, .assigneeName, into: &writer)
    }

    private static func writeString(_ rows: HierarchyRows, _ row: Int, _ column: HierarchyRows.Column,
                                    into writer: inout CompactJSONWriter) {
        if let cell = rows.cell(row, column) { writer.writeString(utf8: cell) } else { writer.writeNull() }
    }
}
