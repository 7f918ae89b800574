import Postgres

/// One issue as the API shows it: the JSON document the database keeps for each issue
/// (`issue_documents`, migration 0016, current at every commit).
public struct IssueQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The issue's JSON document (UTF-8: normalized fields, parent summary, children keys, open
    /// anomalies), or nil when no issue has this key. Read in place, copied once.
    public func issueJSON(key: String) throws(StoreError) -> [UInt8]? {
        try storeCall {
            let stored = try connection.run(Self.issueDetail, [key]) { result in
                result.rowCount > 0 ? result.cell(0, 0).map { Array($0) } : nil
            }
            if let stored { return stored }
            return try built(key: key).map { Array($0.utf8) }
        }
    }

    /// The documents of several issues in one statement (the API's batched reads), in the
    /// order of `keys`; nil where no issue has the key. A key may come more than once.
    public func issueJSONs(keys: [String]) throws(StoreError) -> [[UInt8]?] {
        try storeCall {
            var stored: [String: [UInt8]] = [:]
            try connection.run(Self.issueDetails, [keys]) { result in
                for row in 0..<result.rowCount {
                    guard let key = result.cell(row, 0), let body = result.cell(row, 1) else { continue }
                    stored[String(decoding: key, as: UTF8.self)] = Array(body)
                }
            }
            return try keys.map { key in
                if let body = stored[key] { return body }
                return try built(key: key).map { Array($0.utf8) }
            }
        }
    }

    /// The same document and the check of the request's API key (by the SHA-256 hex of the key
    /// presented) in one statement: one round trip instead of two for the API's most frequent
    /// read. The document is read only for an active key.
    /// The document's bytes are copied once, from libpq's result into the response's body.
    public func issueJSON(key: String, checkingKeyHash hash: String) throws(StoreError) -> KeyCheckedIssue {
        try storeCall {
            let read = try connection.run(Self.issueDetailWithKeyCheck, [hash, key]) { result in
                guard let caller = APIKeyLookup.matchingKey(result, hash: hash) else {
                    return KeyCheckedIssue(caller: nil, body: nil)
                }
                return KeyCheckedIssue(caller: caller, body: result.cell(0, 3).map { Array($0) })
            }
            guard let caller = read.caller, read.body == nil else { return read }
            return KeyCheckedIssue(caller: caller, body: try built(key: key).map { Array($0.utf8) })
        }
    }

    /// No stored document: built from the tables, in case the stored ones were bypassed (a
    /// restore with triggers disabled); nil when there is no such issue, the usual reason.
    private func built(key: String) throws -> String? {
        try connection.run(Self.issueBuilt, [key]).first?.get("body")
    }

    static let issueDetail = StoreStatement(name: "api_issue_detail", sql: """
        SELECT body FROM issue_documents WHERE issue_key = $1::text
        """)

    static let issueDetails = StoreStatement(name: "api_issue_details", sql: """
        SELECT issue_key, body FROM issue_documents WHERE issue_key = ANY($1::text[])
        """)

    /// Always one row: the active key whose hash is $1 (NULLs when none), and the document of
    /// issue $2 when there is such a key and such an issue. Read by position: keep the order.
    static let issueDetailWithKeyCheck = StoreStatement(name: "api_issue_detail_key_checked", sql: """
        SELECT k.id, k.name, k.key_hash,
               CASE WHEN k.id IS NOT NULL THEN (SELECT d.body FROM issue_documents d
                                                WHERE d.issue_key = $2::text) END AS body
        FROM (SELECT) AS one
        LEFT JOIN api_keys k ON k.key_hash = $1::text AND k.revoked_at IS NULL
        """)

    static let issueBuilt = StoreStatement(name: "api_issue_detail_built", sql: """
        SELECT body FROM issue_documents_built(ARRAY[$1::text])
        """)
}

/// An issue document read together with its request's key check.
public struct KeyCheckedIssue {
    /// The active key presented, or nil (then `body` is nil too: nothing is read for a bad key).
    public let caller: (id: Int64, name: String)?
    /// The issue's JSON text (UTF-8), or nil when no issue has the key asked for.
    public let body: [UInt8]?
}
