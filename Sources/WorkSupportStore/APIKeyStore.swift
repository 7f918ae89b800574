import FoundationEssentials
import TextUtilities
import Postgres
import WorkSupportCore

/// What is kept of an API key: never the key itself.
public struct APIKeyRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let prefix: String
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let revokedAt: Date?
}

/// Creates, lists and revokes API keys (stored as SHA-256 hashes); `APIKeyLookup` checks them.
public struct APIKeyStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Stores a new key's hash and returns the key, which is shown once and never again.
    public func create(name: String) throws(StoreError) -> (key: String, record: APIKeyRecord) {
        let trimmed = name.trimmingSpaces()
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw StoreError(code: .invalidKeyName,
                             message: "a key name must be 1 to 100 characters")
        }
        let material = APIKeyMaterial.generate()
        do {
            let row = try connection.query("""
                INSERT INTO api_keys (name, key_prefix, key_hash) VALUES ($1, $2, $3)
                RETURNING \(Self.columns)
                """, [trimmed, material.prefix, material.hash])[0]
            return (material.key, try Self.record(row))
        } catch {
            if let error = error as? PostgresError, error.isUniqueViolation {
                throw StoreError(code: .duplicateKeyName,
                                 message: "an active API key named '\(trimmed)' already exists; revoke it first or pick another name")
            }
            throw Self.wrap(error)
        }
    }

    public func list(includeRevoked: Bool = true) throws(StoreError) -> [APIKeyRecord] {
        try storeCall {
            try connection.query("""
                SELECT \(Self.columns) FROM api_keys
                WHERE $1 OR revoked_at IS NULL ORDER BY id
                """, [includeRevoked]).map(Self.record)
        }
    }

    /// Revokes the active key with this name, or the key with this numeric id. Takes effect at
    /// once: authentication reads `revoked_at` on every lookup.
    @discardableResult
    public func revoke(_ nameOrID: String) throws(StoreError) -> APIKeyRecord {
        let rows = try storeCall {
            try connection.query("""
                UPDATE api_keys SET revoked_at = now()
                WHERE revoked_at IS NULL AND (name = $1 OR id::text = $1)
                RETURNING \(Self.columns)
                """, [nameOrID])
        }
        guard let row = rows.first else {
            throw StoreError(code: .keyNotFound, message: "no active API key named or numbered '\(nameOrID)'")
        }
        return try storeCall { try Self.record(row) }
    }

    static let columns = "id, name, key_prefix, created_at, last_used_at, revoked_at"

    static func record(_ row: PostgresRow) throws -> APIKeyRecord {
        APIKeyRecord(id: try row.get("id"), name: try row.get("name"), prefix: try row.get("key_prefix"),
                     createdAt: try row.get("created_at"), lastUsedAt: try row.get("last_used_at"),
                     revokedAt: try row.get("revoked_at"))
    }

    static func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresError { return StoreError(error) }
        return StoreError(code: .database, message: "\(error)")
    }
}
