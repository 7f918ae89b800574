@testable import WorkSupportCore
import Testing

@Suite struct RetentionConfigTests {
    @Test func deliveriesAreKeptThirtyDaysByDefault() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal])
        #expect(config.retention.deliveriesDays == 30)
        #expect(ConfigFixtures.setting("retention.deliveries_days", in: config)?.value == "30")
    }

    @Test func aWeekIsTheShortestDeliveryRetention() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal, "retention.deliveries_days=7"])
        #expect(config.retention.deliveriesDays == 7)
        #expect(ConfigFixtures.firstError(["database.url=postgresql:///worksupport", "retention.deliveries_days=6"])
                == "worksupport.properties:2: retention.deliveries_days: must be at least 7, got 6")
        #expect(ConfigFixtures.firstError(["database.url=postgresql:///worksupport", "retention.deliveries_days=30d"])
                == "worksupport.properties:2: retention.deliveries_days: expected an integer, got '30d'")
    }
}
