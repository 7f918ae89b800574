import WorkSupportStore

extension APIApplication {
    func anomalies(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let kind = try query.single("kind")
        let status = try query.oneOf("status", ["open", "resolved"])
        let issueKey = try query.single("issue_key")
        let assignee = try query.single("assignee")
        let body = try reads.run { connection throws(StoreError) in
            try AnomalyQueries(connection: connection).listJSON(kind: kind, open: status.map { $0 == "open" },
                                                               issueKey: issueKey, assignee: assignee)
        }
        return .json(databaseText: body)
    }

    /// `GET /api/anomalies/summary`: counts by kind and status.
    func anomalySummary() throws(APIError) -> APIResponse {
        let body = try reads.run { connection throws(StoreError) in
            try AnomalyQueries(connection: connection).summaryJSON()
        }
        return .json(databaseText: body)
    }
}
