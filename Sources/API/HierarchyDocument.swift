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

    /// `{"issue_key":`, `,"summary":` …: each member's name with its punctuation, written at once.
    private static let memberPrefixes = CompactJSONWriter.memberPrefixes(HierarchyRows.Column.allCases.map(\.name))

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
            for column in HierarchyRows.Column.allCases {
                writer.writeRaw(memberPrefixes[column.rawValue - HierarchyRows.Column.issueKey.rawValue])
                if let cell = rows.cell(row, column) { writer.writeString(utf8: cell) } else { writer.writeNull() }
            }
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
}
