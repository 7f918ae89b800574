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
            guard var cell else { buffer.append(92); buffer.append(78); continue }
            cell.withUTF8 { append(escaping: $0, to: &buffer) }
        }
        buffer.append(10)
    }

    /// Runs of bytes that need no escape are appended whole: most cells have none.
    static func append(escaping bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var start = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte == 92 || byte == 9 || byte == 10 || byte == 13 else { continue }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            buffer.append(92)
            buffer.append(byte == 92 ? 92 : byte == 9 ? 116 : byte == 10 ? 110 : 114)
            start = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
