import JSON
import Postgres
import WorkSupportStore

/// `{"name","versions","issue_count","counts":{"by_status","by_type","by_via"},"issues","anomalies"}`,
/// written straight from the database's rows: a release can hold thousands of issues, and a
/// value per cell cost more than the rest of the response.
struct ReleaseDocument {
    let name: String
    let rows: ReleaseRows

    func bytes() -> [UInt8] {
        var types = IssueTypeNames(json: APIApplication.parsed(rows.issueTypeNamesJSON))
        var writer = CompactJSONWriter(capacity: 256 * (rows.issueCount + 4))
        writer.writeRaw("{\"name\":")
        writer.writeString(name)
        writer.writeRaw(",\"versions\":")
        writer.write(APIApplication.parsed(rows.versionsJSON))
        writer.writeRaw(",\"issue_count\":")
        writer.writeInt(rows.issueCount)
        writer.writeRaw(",\"counts\":")
        writer.write(counts(types))
        writer.writeRaw(",\"issues\":[")
        for index in 0..<rows.issueCount {
            writer.writeRaw(index == 0 ? "{\"issue_key\":" : ",{\"issue_key\":")
            writeIssue(row: rows.row(index), types: &types, into: &writer)
        }
        writer.writeRaw("],\"anomalies\":")
        writer.write(APIApplication.parsed(rows.anomaliesJSON))
        writer.writeRaw("}")
        return writer.bytes
    }

    /// One issue after its opening `{"issue_key":`, members spelled out as static text: a table
    /// of member prefixes cost a retain and release per cell.
    private func writeIssue(row: Int, types: inout IssueTypeNames, into writer: inout CompactJSONWriter) {
        writeString(row, .issueKey, into: &writer)
        writer.writeRaw(",\"summary\":")
        writeString(row, .summary, into: &writer)
        writer.writeRaw(",\"status\":")
        writeString(row, .status, into: &writer)
        writer.writeRaw(",\"status_category\":")
        writeString(row, .statusCategory, into: &writer)
        writer.writeRaw(",\"issue_type_id\":")
        let typeID = rows.cell(row: row, .issueTypeID)
        if let typeID { writer.writeRaw(typeID) } else { writer.writeNull() }
        writer.writeRaw(",\"issue_type\":")
        if let typeName = types.quotedName(of: typeID) { writer.writeRaw(typeName) } else { writer.writeNull() }
        writer.writeRaw(",\"assignee_member_id\":")
        writeString(row, .assigneeMemberID, into: &writer)
        if let via = rows.cell(row: row, .via) {
            writer.writeRaw(",\"via\":")
            writer.writeString(utf8: via)
            writer.writeRaw("}")
        } else {
            writer.writeRaw(",\"via\":\"fix_version\"}")
        }
    }

    private func writeString(_ row: Int, _ column: ReleaseRows.IssueColumn, into writer: inout CompactJSONWriter) {
        if let cell = rows.cell(row: row, column) { writer.writeString(utf8: cell) } else { writer.writeNull() }
    }

    /// Issues by status, type and membership (NULL status or type counted under ""), keys sorted.
    private func counts(_ types: IssueTypeNames) -> JSONValue {
        let byType = tally(.issueTypeID).map { (types.name(of: $0.value.isEmpty ? nil : $0.value) ?? "", $0.count) }
        let byVia = tally(.via).map { ($0.value.isEmpty ? "fix_version" : String(decoding: $0.value, as: UTF8.self), $0.count) }
        let byStatus = tally(.status).map { (String(decoding: $0.value, as: UTF8.self), $0.count) }
        return .object(["by_status": Self.object(byStatus), "by_type": Self.object(byType), "by_via": Self.object(byVia)])
    }

    /// `{"name":count,…}` in key order, counts of equal names (two type ids of one name) added.
    private static func object(_ counts: [(String, Int)]) -> JSONValue {
        var merged: [String: Int] = [:]
        for (name, count) in counts { merged[name, default: 0] += count }
        return .object(JSONObject(merged.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) }))
    }

    /// Counts of each distinct value of `column` (NULL as empty), over the rows in the database's
    /// order (counts need no sorting). A column has a handful of distinct values, so they are
    /// compared as bytes in a short list rather than hashed as a `String` per row.
    private func tally(_ column: ReleaseRows.IssueColumn) -> [(value: UnsafeBufferPointer<UInt8>, count: Int)] {
        var distinct: [(value: UnsafeBufferPointer<UInt8>, count: Int)] = []
        var last = 0
        for row in 0..<rows.issueCount {
            let cell = rows.cell(row: row, column) ?? UnsafeBufferPointer(start: nil, count: 0)
            if last < distinct.count, PostgresResultView.sameBytes(distinct[last].value, cell) {
                distinct[last].count += 1
            } else if let found = distinct.firstIndex(where: { PostgresResultView.sameBytes($0.value, cell) }) {
                distinct[found].count += 1
                last = found
            } else {
                distinct.append((cell, 1))
                last = distinct.count - 1
            }
        }
        return distinct
    }
}

/// The names of the issue types by id, from `{"<id>":"<name>",…}`, each also as a JSON string
/// ready to write. Looked up by the id's digits as the database sent them; the last hit is
/// tried first, as a release's issues have a handful of types.
struct IssueTypeNames {
    private var entries: [(id: [UInt8], name: String, quoted: [UInt8])] = []
    private var last = 0

    init(json: JSONValue) {
        for (id, name) in json.objectValue ?? [:] {
            guard let name = name.stringValue else { continue }
            var writer = CompactJSONWriter(capacity: name.utf8.count + 8)
            writer.writeString(name)
            entries.append((Array(id.utf8), name, writer.bytes))
        }
    }

    /// The index of the type whose id is `id`, nil for NULL or an id without a type.
    private func index(of id: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let id else { return nil }
        return entries.firstIndex { $0.id.withUnsafeBufferPointer { PostgresResultView.sameBytes($0, id) } }
    }

    /// The name as a JSON string (quotes and escapes included), for each row: the last hit first.
    mutating func quotedName(of id: UnsafeBufferPointer<UInt8>?) -> [UInt8]? {
        if let id, last < entries.count,
           entries[last].id.withUnsafeBufferPointer({ PostgresResultView.sameBytes($0, id) }) {
            return entries[last].quoted
        }
        guard let found = index(of: id) else { return nil }
        last = found
        return entries[found].quoted
    }

    func name(of id: UnsafeBufferPointer<UInt8>?) -> String? {
        index(of: id).map { entries[$0].name }
    }
}
