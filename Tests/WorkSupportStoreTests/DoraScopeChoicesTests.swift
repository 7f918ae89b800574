import Postgres
import TestKit
import Testing
@testable import WorkSupportStore

/// The delivery page's repo and environment choices, found by skipping from pair to pair on the
/// deployments' scope index: the same lists as a DISTINCT over every deployment.
@Suite struct DoraScopeChoicesTests {
    @Test func everyRepoAndEnvironmentDeployedToIsOfferedOnceInOrder() throws {
        let db = try TestDatabase.createMigrated().connect()
        #expect(try DoraQueries(connection: db).scopeChoices() == ([], []))
        try db.execute("""
            INSERT INTO deployments (source, external_id, repo, environment, is_production, status, created_at, raw)
            SELECT 'ci', 'd' || g, (ARRAY['acme/web', 'acme/shop', 'zeta/api'])[1 + g % 3],
                   (ARRAY['production', 'staging', 'Production', 'qa'])[1 + g % 4], g % 4 = 0, 'success',
                   now() - g * interval '1 hour', '{}'
            FROM generate_series(1, 40) g;
            INSERT INTO deployments (source, external_id, repo, environment, is_production, status, created_at, raw)
            VALUES ('ci', 'only', 'acme/api', 'preview', false, 'pending', now(), '{}');
            """)
        let choices = try DoraQueries(connection: db).scopeChoices()
        #expect(choices.repos == ["acme/api", "acme/shop", "acme/web", "zeta/api"])
        let distinct = try db.run(StoreStatement(name: "test_distinct_environments", sql: """
            SELECT DISTINCT environment FROM deployments ORDER BY 1
            """)).map { try $0.get("environment", as: String.self) }
        #expect(choices.environments == distinct)
        #expect(Set(choices.environments) == ["production", "Production", "staging", "qa", "preview"])
    }
}
