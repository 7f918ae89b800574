import JSON
import WorkSupportCore
import WorkSupportStore

extension APIApplication {
    static let sources = ["jira", "github"]

    /// `GET /api/issues/keys`: `{"issue_keys":[…],"total_count":N,"harvested_at":…[,"next_cursor":…]}`.
    func issueKeys(_ query: QueryParameters) throws(APIError) -> APIResponse {
        var filter = IssueKeyFilter()
        filter.sources = try query.allOneOf("source", Self.sources)
        filter.assignees = try query.all("assignee")
        filter.labels = try query.all("label")
        filter.issueTypes = try query.all("issue_type")
        filter.parentKeys = try query.all("parent_key")
        filter.statuses = try query.all("status")
        filter.updatedSince = try query.timestamp("updated_since")
        let limit = try query.integer("limit", in: 1...100)
        var afterKey: String?
        if let cursor = try query.single("cursor") { afterKey = try IssueKeyCursor.decode(cursor) }
        if limit == nil, afterKey == nil {
            let body = try reads.run { [filter] connection throws(StoreError) in
                try IssueKeyQuery(connection: connection).allKeys(filter, Self.allKeysDocument)
            }
            return APIResponse(status: 200, headers: [APIResponse.jsonContentType], body: body)
        }
        let page = try reads.run { [filter, afterKey] connection throws(StoreError) in
            try IssueKeyQuery(connection: connection).page(filter, afterKey: afterKey, limit: limit)
        }
        var body: JSONObject = [
            "issue_keys": .array(page.keys.map { .string($0) }),
            "total_count": .int(Int64(page.totalCount)),
            "harvested_at": page.harvestedAt.map { .string($0) } ?? .null,
        ]
        if page.hasMore, let last = page.keys.last { body["next_cursor"] = .string(IssueKeyCursor.encode(last)) }
        return .json(.object(body))
    }

    /// The unpaged keys document, written from the rows as they are (thousands per member).
    static func allKeysDocument(_ rows: IssueKeyRows, harvestedAt: String?) -> [UInt8] {
        var writer = CompactJSONWriter(capacity: 16 * rows.count + 128)
        writer.writeRaw("{\"issue_keys\":[")
        for row in 0..<rows.count {
            if row > 0 { writer.writeRaw(",") }
            writer.writeString(utf8: rows.key(row))
        }
        writer.writeRaw("]")
        writer.finishListDocument(totalCount: rows.count, harvestedAt: harvestedAt)
        return writer.bytes
    }

    /// `GET /api/issues/{key}`: the issue's document, or 404 naming the key.
    func issue(key: String) throws(APIError) -> APIResponse {
        guard !key.isEmpty else { throw APIError(.notFound, "no issue key in the path") }
        let document = try reads.run { connection throws(StoreError) in
            try IssueQueries(connection: connection).issueJSON(key: key)
        }
        guard let document else { throw APIError(.notFound, "no issue with key '\(key.prefix(200))'") }
        return .json(databaseText: document)
    }

    /// `GET /api/issues/hierarchy`. Without `root_key`, roots are issues of `root_type`
    /// ("Product Version" by default); with it, the root is that issue whatever its type
    /// unless `root_type` is given too.
    func hierarchy(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let rootKey = try query.single("root_key")
        let rootType = try query.single("root_type") ?? (rootKey == nil ? "Product Version" : nil)
        let maxDepth = try query.integer("max_depth", in: 1...10) ?? 5
        let body = try reads.run { connection throws(StoreError) in
            try HierarchyQuery(connection: connection).tree(rootType: rootType, rootKey: rootKey,
                                                            maxDepth: maxDepth, HierarchyDocument.bytes)
        }
        return APIResponse(status: 200, headers: [APIResponse.jsonContentType], body: body)
    }
}
