import FoundationEssentials
import Postgres
import WorkSupportStore

extension APIApplication {
    /// `GET /api/issues/{key}/transitions`: the issue's status and assignee rows in history
    /// order, and whether its history is complete; 404 naming the key when there is no such issue.
    func issueTransitions(key: String) throws(APIError) -> APIResponse {
        let document = try reads.run { connection throws(StoreError) in
            try FlowQueries(connection: connection).transitionsJSON(key: key)
        }
        guard let document else { throw APIError(.notFound, "no issue with key '\(key.prefix(200))'") }
        return .json(databaseText: document)
    }

    /// `GET /api/flow`: the summary of docs/flow.md over the issues the filters select.
    func flow(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let filter = try Self.flowFilter(query)
        let body = try reads.run { connection throws(StoreError) in
            try FlowQueries(connection: connection).summaryJSON(filter)
        }
        return .json(databaseText: body)
    }

    static func flowFilter(_ query: QueryParameters) throws(APIError) -> FlowFilter {
        var filter = FlowFilter()
        filter.teamOnly = try query.boolean("team") ?? false
        filter.assignees = try query.all("assignee")
        filter.issueTypes = try query.all("issue_type")
        filter.sources = try query.allOneOf("source", sources)
        filter.from = try query.instant("from")
        filter.to = try query.instant("to")
        if let from = filter.from, let to = filter.to, from > to {
            throw APIError.invalid("from", "'from' (\(try query.single("from") ?? "")) is after 'to' (\(try query.single("to") ?? ""))")
        }
        return filter
    }
}

extension QueryParameters {
    /// An RFC 3339 date-time, or a day `YYYY-MM-DD` meaning its midnight in UTC.
    func instant(_ name: String) throws(APIError) -> Date? {
        guard let text = try single(name) else { return nil }
        let isDay = text.utf8.count == 10 && text.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        if isDay {
            let fields = text.split(separator: "-").map { Int($0) ?? 0 }
            guard (1...12).contains(fields[1]), (1...31).contains(fields[2]),
                  let date = PostgresTimestamp.parse(text + "T00:00:00Z") else {
                throw APIError.invalid(name, "must be a day YYYY-MM-DD or an RFC 3339 date-time, got '\(text.prefix(40))'")
            }
            return date
        }
        do {
            return try QueryParameters(pairs: [(name, text)]).timestamp(name)
        } catch {
            throw APIError.invalid(name, "must be a day YYYY-MM-DD or an RFC 3339 date-time such as 2026-11-22T01:00:00Z, got '\(text.prefix(40))'")
        }
    }
}
