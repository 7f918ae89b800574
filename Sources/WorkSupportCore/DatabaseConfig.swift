/// The PostgreSQL connection, as a libpq URI (`postgresql://…`) or conninfo string (`host=… dbname=…`).
public struct DatabaseConfig: Sendable, Hashable {
    public var url: String

    public init(url: String) {
        self.url = url
    }

    /// The URL with its password replaced by `****`, for logs and `config check`.
    public var maskedURL: String {
        PostgresConnectionString.masked(url)
    }
}

extension DatabaseConfig {
    init?(reading reader: inout ConfigReader) {
        let key = "database.url"
        guard let value = reader.lookup(key, .required) else { return nil }
        // The value may hold a password, so the message does not quote it.
        guard PostgresConnectionString.isValid(value.text) else {
            reader.reportInvalid(.invalidDatabaseURL, key: key, value: value,
                                 "expected a postgresql:// URI or a 'keyword=value' conninfo string")
            return nil
        }
        reader.record(key, value.text, value.origin)
        self.init(url: value.text)
    }
}
