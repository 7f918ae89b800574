import Glibc
import JSON
import WorkSupportStore

/// `{"name","versions","issue_count","counts":{"by_status","by_type","by_via"},"issues","anomalies"}`,
/// written straight from the database's rows: a release can hold thousands of issues, and a
/// value per cell cost more than the rest of the response.
struct ReleaseDocument {
    let name: String
    let rows: ReleaseRows

    func bytes() -> [UInt8] {
        var writer = CompactJSONWriter(capacity: 256 * (rows.issueCount + 4))
        writer.writeRaw("{\"name\":")
        writer.writeString(name)
        writer.writeRaw(",\"versions\":")
        writer.write(APIApplication.parsed(rows.versionsJSON))
        writer.writeRaw(",\"issue_count\":")
        writer.writeInt(rows.issueCount)
        writer.writeRaw(",\"counts\":")
        writer.write(counts())
        writer.writeRaw(",\"issues\":[")
        for index in 0..<rows.issueCount {
            if index > 0 { writer.writeRaw(",") }
            writeIssue(index, into: &writer)
        }
        writer.writeRaw("],\"anomalies\":")
        writer.write(APIApplication.parsed(rows.anomaliesJSON))
        writer.writeRaw("}")
        return writer.bytes
    }

    /// `{"issue_key":`, `,"summary":` …: each member's name with its punctuation, written at once.
    private static let memberPrefixes = CompactJSONWriter.memberPrefixes(ReleaseRows.IssueColumn.allCases.map(\.name))

    /// Each issue's columns in `IssueColumn` order; the type id is a number, the rest strings.
    private func writeIssue(_ index: Int, into writer: inout CompactJSONWriter) {
        for column in ReleaseRows.IssueColumn.allCases {
            writer.writeRaw(Self.memberPrefixes[column.rawValue])
            guard let cell = rows.cell(index, column) else { writer.writeNull(); continue }
            if column == .issueTypeID { writer.writeRaw(cell) } else { writer.writeString(utf8: cell) }
        }
        writer.writeRaw("}")
    }

    /// Issues by status, type and membership (NULL status or type counted under ""), keys sorted.
    private func counts() -> JSONValue {
        .object(["by_status": tally(.status), "by_type": tally(.issueType), "by_via": tally(.via)])
    }

    /// Counts of each distinct value of `column`. A column has a handful of distinct values, so
    /// they are compared as bytes in a short list rather than hashed as a `String` per row.
    private func tally(_ column: ReleaseRows.IssueColumn) -> JSONValue {
        var distinct: [(value: UnsafeBufferPointer<UInt8>, count: Int)] = []
        var last = 0
        for index in 0..<rows.issueCount {
            let cell = rows.cell(index, column) ?? UnsafeBufferPointer(start: nil, count: 0)
            if last < distinct.count, Self.same(distinct[last].value, cell) {
                distinct[last].count += 1
            } else if let found = distinct.firstIndex(where: { Self.same($0.value, cell) }) {
                distinct[found].count += 1
                last = found
            } else {
                distinct.append((cell, 1))
                last = distinct.count - 1
            }
        }
        let counts = distinct.map { (String(decoding: $0.value, as: UTF8.self), $0.count) }
        return .object(JSONObject(counts.sorted { $0.0 < $1.0 }.map { ($0.0, .int(Int64($0.1))) }))
    }

    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }
}
