import Foundation
import Postgres
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

@Suite struct APIKeyStoreTests {
    func migratedStore() throws -> (APIKeyStore, PostgresConnection) {
        let db = try TestDatabase.create().connect()
        _ = try MigrationRunner(connection: db).migrate(try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory))
        return (APIKeyStore(connection: db), db)
    }

    @Test func createdKeyAuthenticatesAndOnlyItsHashIsStored() throws {
        let (store, db) = try migratedStore()
        let (key, record) = try store.create(name: "dashboard")
        #expect(key.hasPrefix("wsk_"))
        #expect(key.count >= 40)
        #expect(record.prefix == String(key.prefix(12)))
        #expect(try APIKeyLookup(connection: db).activeKey(hash: APIKeyMaterial.hash(of: key))?.id == record.id)
        let stored = try db.query("SELECT row_to_json(k)::text AS j FROM api_keys k")
        let json: String = try stored[0].get("j")
        #expect(!json.contains(key), "the key itself is never stored")
    }

    @Test func wrongKeyDoesNotAuthenticate() throws {
        let (store, db) = try migratedStore()
        let (key, _) = try store.create(name: "ci")
        #expect(try APIKeyLookup(connection: db).activeKey(hash: APIKeyMaterial.hash(of: key + "x")) == nil)
        #expect(try APIKeyLookup(connection: db).activeKey(hash: APIKeyMaterial.hash(of: "")) == nil)
    }

    @Test func revokedKeyIsRefusedAtOnce() throws {
        let (store, db) = try migratedStore()
        let (key, _) = try store.create(name: "old")
        try store.revoke("old")
        #expect(try APIKeyLookup(connection: db).activeKey(hash: APIKeyMaterial.hash(of: key)) == nil)
        #expect(try store.list().first?.revokedAt != nil)
    }

    @Test func revokeByIdAndUnknownKeyError() throws {
        let (store, _) = try migratedStore()
        let (_, record) = try store.create(name: "by-id")
        #expect(try store.revoke(String(record.id)).name == "by-id")
        do {
            try store.revoke("by-id")
            Issue.record("expected keyNotFound")
        } catch {
            #expect(error.code == .keyNotFound)
        }
    }

    @Test func activeNamesAreUniqueButARevokedNameCanBeReused() throws {
        let (store, _) = try migratedStore()
        _ = try store.create(name: "grafana")
        do {
            _ = try store.create(name: "grafana")
            Issue.record("expected duplicateKeyName")
        } catch {
            #expect(error.code == .duplicateKeyName)
        }
        try store.revoke("grafana")
        let (_, again) = try store.create(name: "grafana")
        #expect(try store.list(includeRevoked: false).map(\.id) == [again.id])
        #expect(try store.list().count == 2)
    }

    @Test func emptyNameIsRefused() throws {
        let (store, _) = try migratedStore()
        #expect(throws: StoreError.self) { try store.create(name: "  ") }
    }
}
