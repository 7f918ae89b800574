/// The PostgreSQL connections, each a libpq URI (`postgresql://…`) or conninfo string
/// (`host=… dbname=…`): `url` for everything that writes, `readURL` (when set) for the API's
/// reads, e.g. a streaming-replication hot standby.
public struct DatabaseConfig: Sendable, Hashable {
    public var url: String
    public var readURL: String?

    public init(url: String, readURL: String? = nil) {
        self.url = url
        self.readURL = readURL
    }

    /// The URL with its password replaced by `****`, for logs and `config check`.
    public var maskedURL: String {
        PostgresConnectionString.masked(url)
    }
}

extension DatabaseConfig {
    init?(reading reader: inout ConfigReader) {
        let readURL = Self.connectionString(&reader, "database.read_url", .optional)
        guard let url = Self.connectionString(&reader, "database.url", .required) else { return nil }
        self.init(url: url, readURL: readURL)
    }

    private static func connectionString(_ reader: inout ConfigReader, _ key: String,
                                         _ presence: ConfigReader.Presence) -> String? {
        guard let value = reader.lookup(key, presence), !value.text.isEmpty else { return nil }
        // The value may hold a password, so the message does not quote it.
        guard PostgresConnectionString.isValid(value.text) else {
            reader.reportInvalid(.invalidDatabaseURL, key: key, value: value,
                                 "expected a postgresql:// URI or a 'keyword=value' conninfo string")
            return nil
        }
        reader.record(key, value.text, value.origin)
        return value.text
    }
}
