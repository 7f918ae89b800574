import CLibPQ
import FoundationEssentials
import Glibc

/// One libpq connection. Not thread-safe: one owner, one thread (a worker, a harvester run).
///
/// A statement sent on a broken connection throws `.connectionLost`; the next call resets the
/// connection first. Statements prepared with `prepare` are prepared again after a reset.
public final class PostgresConnection {
    var handle: OpaquePointer
    /// name → SQL of statements this owner prepared, so a reconnect can re-prepare them.
    var preparedStatements: [String: String] = [:]
    var preparedOnServer: Set<String> = []
    /// Per-session objects (temp tables) known to exist on the server, and those created inside the
    /// open transaction, which count only once `transaction(_:)` commits it.
    var sessionObjects: Set<String> = []
    var uncommittedSessionObjects: Set<String> = []

    /// `url` is a libpq URI (`postgresql://…`) or a conninfo string (`host=… dbname=…`).
    public init(url: String) throws(PostgresError) {
        guard let handle = PQconnectdb(url) else {
            throw PostgresError(code: .connectionFailed, message: "out of memory creating a connection")
        }
        self.handle = handle
        guard PQstatus(handle) == CONNECTION_OK else {
            // deinit runs for a fully initialized instance and frees the handle.
            let message = String(cString: PQerrorMessage(handle))
            throw PostgresError(code: .connectionFailed, message: message)
        }
        try configureSession()
    }

    deinit { PQfinish(handle) }

    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Server version as an integer (150018 for 15.18).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    private func configureSession() throws(PostgresError) {
        // Notices ("relation already exists, skipping") would go to stderr otherwise.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        _ = PQsetClientEncoding(handle, "UTF8")
        try execute("SET TIME ZONE 'UTC'")
    }

    /// Re-opens a broken connection; prepared statements are re-prepared on first use.
    public func reconnectIfNeeded() throws(PostgresError) {
        guard PQstatus(handle) != CONNECTION_OK else { return }
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(code: .connectionFailed, message: String(cString: PQerrorMessage(handle)))
        }
        preparedOnServer.removeAll()
        sessionObjects.removeAll()
        uncommittedSessionObjects.removeAll()
        try configureSession()
    }

    /// Whether the session object `name` (a temp table, say) is known to exist: noted in this
    /// server session and not lost to a rollback. A reconnect forgets them all.
    public func hasSessionObject(_ name: String) -> Bool {
        if !uncommittedSessionObjects.isEmpty, PQtransactionStatus(handle) == PQTRANS_IDLE {
            // Their transaction ended outside `transaction(_:)`: whether it committed is unknown.
            uncommittedSessionObjects.removeAll()
        }
        return sessionObjects.contains(name) || uncommittedSessionObjects.contains(name)
    }

    /// Records that the statement just run created the session object `name`. Inside a
    /// transaction it counts once `transaction(_:)` commits; a rollback forgets it.
    public func noteSessionObject(_ name: String) {
        if PQtransactionStatus(handle) == PQTRANS_IDLE {
            sessionObjects.insert(name)
        } else {
            uncommittedSessionObjects.insert(name)
        }
    }

    /// Runs a parameterized statement (`$1`, `$2` …). Values travel separately from the SQL text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> PostgresRows {
        try reconnectIfNeeded()
        let result = withParameterPointers(parameters) { values, count in
            PQexecParams(handle, sql, count, nil, values, nil, nil, 0)
        }
        return try consume(result)
    }

    /// Runs one or more statements without parameters (simple query protocol): migrations, SET, BEGIN.
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> PostgresRows {
        if PQstatus(handle) != CONNECTION_OK { try reconnectIfNeeded() }
        return try consume(PQexec(handle, sql))
    }

    /// Prepares `sql` under `name` once per server session; `run(prepared:)` executes it.
    public func prepare(name: String, sql: String) throws(PostgresError) {
        try reconnectIfNeeded()
        preparedStatements[name] = sql
        guard !preparedOnServer.contains(name) else { return }
        _ = try consume(PQprepare(handle, name, sql, 0, nil))
        preparedOnServer.insert(name)
    }

    @discardableResult
    public func run(prepared name: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> PostgresRows {
        let result = try execute(prepared: name, parameters)
        defer { PQclear(result) }
        return PostgresRows(result: result)
    }

    /// Executes a prepared statement (preparing it again after a reconnect); the caller owns
    /// the successful result and clears it. `binaryResults`: cells in PostgreSQL's binary format,
    /// read only through `PostgresResultView`'s typed readers.
    func execute(prepared name: String, _ parameters: [any PostgresEncodable],
                 binaryResults: Bool = false) throws(PostgresError) -> OpaquePointer {
        try reconnectIfNeeded()
        if !preparedOnServer.contains(name) {
            guard let sql = preparedStatements[name] else {
                throw PostgresError(code: .server, message: "statement '\(name)' was never prepared")
            }
            try prepare(name: name, sql: sql)
        }
        let result = withParameterPointers(parameters) { values, count in
            PQexecPrepared(handle, name, count, values, nil, nil, binaryResults ? 1 : 0)
        }
        return try checked(result)
    }

    /// BEGIN … COMMIT around `body`; ROLLBACK if it throws (the error is rethrown).
    /// `mode` goes after BEGIN: "ISOLATION LEVEL REPEATABLE READ READ ONLY" for several reads
    /// that must see one snapshot.
    @discardableResult
    public func transaction<T>(_ mode: String = "", _ body: (PostgresConnection) throws -> T) throws -> T {
        try execute(mode.isEmpty ? "BEGIN" : "BEGIN \(mode)")
        do {
            let value = try body(self)
            // COMMIT of a failed transaction rolls back without an error.
            let commits = PQtransactionStatus(handle) == PQTRANS_INTRANS
            try execute("COMMIT")
            if commits { sessionObjects.formUnion(uncommittedSessionObjects) }
            uncommittedSessionObjects.removeAll()
            return value
        } catch {
            uncommittedSessionObjects.removeAll()
            if isConnected { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    // MARK: - libpq plumbing

    private func withParameterPointers<R>(
        _ parameters: [any PostgresEncodable],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> R
    ) -> R {
        let texts = parameters.map { $0.postgresText }
        var pointers: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) {
                body(buffer.count == 0 ? nil : $0, Int32(buffer.count))
            }
        }
    }

    /// Turns a PGresult into rows or an error, and frees it.
    func consume(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        let result = try checked(result)
        defer { PQclear(result) }
        return PostgresRows(result: result)
    }

    /// The result when it succeeded; otherwise frees it and throws its error.
    func checked(_ result: OpaquePointer?) throws(PostgresError) -> OpaquePointer {
        guard let result else { throw connectionError() }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return result
        default:
            defer { PQclear(result) }
            throw serverError(result)
        }
    }

    func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(Int32(UInt8(ascii: "C")))
        if sqlState == nil || PQstatus(handle) != CONNECTION_OK {
            return connectionError()
        }
        return PostgresError(code: .server, sqlState: sqlState,
                             message: field(Int32(UInt8(ascii: "M"))) ?? String(cString: PQresultErrorMessage(result)),
                             detail: field(Int32(UInt8(ascii: "D"))),
                             constraint: field(Int32(UInt8(ascii: "n"))))
    }

    func connectionError() -> PostgresError {
        let message = String(cString: PQerrorMessage(handle))
        let lost = PQstatus(handle) != CONNECTION_OK
        return PostgresError(code: lost ? .connectionLost : .server,
                             message: message.isEmpty ? "connection to the database was lost" : message)
    }
}

extension PostgresRows {
    init(result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var names: [String] = []
        var index: [String: Int] = [:]
        for column in 0..<columnCount {
            let name = String(cString: PQfname(result, Int32(column)))
            names.append(name)
            if index[name] == nil { index[name] = column }
        }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var cells: [String?] = []
            cells.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    cells.append(nil)
                } else {
                    cells.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            rows.append(PostgresRow(columnIndex: index, columnNames: names, cells: cells))
        }
        let tag = String(cString: PQcmdTuples(result))
        self.init(columns: names, rows: rows, affectedRows: Int(tag) ?? 0)
    }
}
