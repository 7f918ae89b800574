import CLibPQ

extension PostgresConnection {
    /// Bulk load: `COPY table (cols) FROM STDIN` fed with `rows` in text format (nil → NULL).
    /// Returns the number of rows the server copied.
    @discardableResult
    public func copyIn<Rows: Sequence>(_ copyStatement: String, rows: Rows) throws(PostgresError) -> Int
    where Rows.Element == [String?] {
        try copyExchange(copyStatement, rows: rows).first?.affectedRows ?? 0
    }

    /// A COPY with the statements around it, sent as one simple query: `before`, then
    /// `copyStatement` fed with `rows`, then `after`, in one round trip for the rows and one for the
    /// rest. Outside a transaction the server runs them as one implicit transaction (all or
    /// nothing); inside one they are part of it. Statements here take no parameters.
    /// `meanwhile` runs once the rows are sent, while the server works on them; it must not use
    /// this connection. Returns the results of `after`, in order.
    public func copyIn<Rows: Sequence>(_ copyStatement: String, rows: Rows, before: [String] = [],
                                       after: [String], meanwhile: () -> Void = {}) throws(PostgresError) -> [PostgresRows]
    where Rows.Element == [String?] {
        let query = (before + [copyStatement] + after).joined(separator: ";\n")
        return Array(try copyExchange(query, rows: rows, meanwhile: meanwhile).dropFirst())
    }

    /// Sends `query` (whose COPY … FROM STDIN is reached after any statements before it), streams
    /// `rows`, and returns the results from the COPY's own on.
    private func copyExchange<Rows: Sequence>(_ query: String, rows: Rows,
                                              meanwhile: () -> Void = {}) throws(PostgresError) -> [PostgresRows]
    where Rows.Element == [String?] {
        try reconnectIfNeeded()
        // PQexec stops at the COPY: statements before it have run (an error among them is returned).
        guard let start = PQexec(handle, query) else { throw connectionError() }
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            throw status == PGRES_FATAL_ERROR ? serverError(start)
                : PostgresError(code: .copyFailed, message: "no COPY … FROM STDIN statement in the query")
        }
        PQclear(start)

        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.copyChunkSize + 4096)
        var sendFailure: String?
        for row in rows {
            PostgresCopyEncoding.append(row: row, to: &buffer)
            if buffer.count >= Self.copyChunkSize {
                if !sendCopyData(buffer) { sendFailure = String(cString: PQerrorMessage(handle)); break }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if sendFailure == nil, !buffer.isEmpty, !sendCopyData(buffer) {
            sendFailure = String(cString: PQerrorMessage(handle))
        }
        // Ending with an error message makes the server abort the COPY (and what follows) cleanly.
        if PQputCopyEnd(handle, sendFailure) != 1 {
            throw PostgresError(code: .copyFailed, message: String(cString: PQerrorMessage(handle)))
        }
        if sendFailure == nil { meanwhile() }
        var results: [PostgresRows] = []
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                results.append(PostgresRows(result: result))
            default:
                if failure == nil { failure = serverError(result) }
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if let sendFailure { throw PostgresError(code: .copyFailed, message: sendFailure) }
        return results
    }

    static var copyChunkSize: Int { 64 * 1024 }

    private func sendCopyData(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                PQputCopyData(handle, $0, Int32(pointer.count)) == 1
            }
        }
    }
}

/// COPY text format: tab-separated, `\N` for NULL, backslash escapes for `\`, tab, newline, CR.
enum PostgresCopyEncoding {
    static func append(row: [String?], to buffer: inout [UInt8]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let cell else { buffer.append(contentsOf: [92, 78]); continue }
            for byte in cell.utf8 {
                switch byte {
                case 92: buffer.append(contentsOf: [92, 92])
                case 9: buffer.append(contentsOf: [92, 116])
                case 10: buffer.append(contentsOf: [92, 110])
                case 13: buffer.append(contentsOf: [92, 114])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
    }
}
