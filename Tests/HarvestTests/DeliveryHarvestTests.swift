import API
import Foundation
import Harvest
import JSON
import Postgres
import Simulator
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// The delivery scenario end to end: simulator → harvest → database → `GET /api/metrics/dora`,
/// checked against the simulator's manifest and against numbers worked out by hand here.
@Suite(.serialized) struct DeliveryHarvestTests {
    let fixture: HarvestFixture
    let config: WorkSupportConfig
    let scenario: SimDeliveryScenario

    static let secret = "sim-delivery-secret"

    init() throws {
        fixture = try HarvestFixture(issues: 20, members: 2)
        var environment = HarvestFixture.environment
        environment["WORKSUPPORT_DATABASE_URL"] = fixture.database.url
        config = try WorkSupportConfig.parse(text: fixture.properties + "\ngithub.repos=\(SimDeliveryScenario.repo)\n"
                                                 + "github.webhook_secret=\(Self.secret)\n",
                                             file: "sim.properties", environment: environment)
        scenario = SimDeliveryScenario(now: fixture.dataset.now)
    }

    func harvest() throws -> HarvestReport {
        try HarvestRunner(config: config, connection: try fixture.database.connect(),
                          progress: HarvestProgress(mode: .never, output: { _ in }, logger: HarvestFixture.quiet),
                          sleep: { _ in }).run(HarvestOptions(kind: .manual))
    }

    func metrics() throws -> JSONValue {
        let connection = try fixture.database.connect()
        let key = try APIKeyStore(connection: connection).create(name: "dora-\(UUID().uuidString.prefix(8))").key
        let window = "from=\(scenario.expected["from"]!.stringValue!)&to=\(scenario.expected["to"]!.stringValue!)"
        let app = APIApplication(config: config)
        let response = app.handle(APIRequest(method: "GET", path: "/api/metrics/dora",
                                             rawQuery: "repo=\(SimDeliveryScenario.repo)&\(window)", headers: ["x-api-key": key]))
        #expect(response.status == 200)
        return try JSONValue.parse(response.body)
    }

    func query(_ sql: String) throws -> [String] {
        try fixture.database.connect().query(sql).map { try $0.get(0) }
    }

    @Test func everyMetricMatchesTheManifestAndTheHandComputedNumbers() throws {
        let report = try harvest()
        // GitHub refuses the compare of the last deployment: its changes are unknown, the run partial.
        #expect(report.status == .partial)
        #expect(try query("SELECT item_key FROM harvest_errors") == ["\(SimDeliveryScenario.repo) deployment "
            + (try query("SELECT id::text FROM deployments WHERE external_id = '9007'"))[0]])
        let body = try metrics()
        let expected = scenario.expected
        func near(_ value: JSONValue?, _ want: Double) -> Bool { abs((value?.doubleValue ?? .nan) - want) < 1e-6 }

        #expect(near(body["deployment_frequency"]?["per_week"]?["value"], expected["deployments_per_week"]!.doubleValue!))
        #expect(near(body["deployment_frequency"]?["deployment_days_per_week"]?["value"], expected["deployment_days_per_week"]!.doubleValue!))
        #expect(near(body["change_fail_rate"]?["value"], expected["change_fail_rate"]!.doubleValue!))
        #expect(near(body["change_lead_time"]?["median_seconds"], expected["lead_time_median_seconds"]!.doubleValue!))
        #expect(near(body["change_lead_time"]?["p85_seconds"], expected["lead_time_p85_seconds"]!.doubleValue!))
        #expect(near(body["failed_deployment_recovery_time"]?["median_seconds"], expected["recovery_median_seconds"]!.doubleValue!))
        #expect(near(body["deployment_rework_rate"]?["value"], expected["rework_rate"]!.doubleValue!))
        #expect(body["deployments_without_known_changes"]?["unknown"]?.intValue == expected["unknown_ranges"]?.intValue)

        // By hand: successes 9002, 9004, 9005, 9006, 9007 in 30 days; failed 9003 (status), 9005 and
        // 9006 (incidents) of six; lead times 2, 2.1, 1.6, 0.75, 2, 0.75 days; recoveries 0.1, 1, 8
        // days; 9005 came from a hotfix branch.
        #expect(near(body["deployment_frequency"]?["per_week"]?["value"], 5 * 7 / 30))
        #expect(near(body["change_fail_rate"]?["value"], 0.5))
        #expect(near(body["change_lead_time"]?["median_seconds"], 155_520))
        #expect(near(body["change_lead_time"]?["p85_seconds"], 174_960))
        #expect(near(body["change_lead_time"]?["parts"]?["deploy"]?["median_seconds"], 47_520))
        #expect(near(body["failed_deployment_recovery_time"]?["median_seconds"], 86_400))
        #expect(near(body["deployment_rework_rate"]?["value"], 0.2))
        let unlinked = try query("SELECT external_id FROM incidents WHERE deployment_id IS NULL")
        #expect(unlinked == expected["unlinked_incidents"]?.arrayValue?.compactMap(\.stringValue))
    }

    @Test func squashAndRebaseMergesShipWithTheirDeploymentAndTheFirstDeploymentHasNoBase() throws {
        _ = try harvest()
        let shipped = try query("""
            SELECT dc.change_key || '=' || d.external_id FROM deployment_changes dc JOIN deployments d ON d.id = dc.deployment_id
            ORDER BY dc.change_key
            """)
        let repo = SimDeliveryScenario.repo
        #expect(shipped == ["\(repo)#1=9002", "\(repo)#2=9004", "\(repo)#3=9004", "\(repo)#4=9005", "\(repo)#5=9006",
                            "\(repo)#6=9006"])
        #expect(try query("SELECT changes_state FROM deployments WHERE external_id = '9001'") == ["base_unknown"])
        #expect(try query("SELECT status FROM deployments WHERE external_id IN ('9002', '9005') ORDER BY 1") == ["success", "success"])
        #expect(try query("SELECT link_method FROM incidents WHERE external_id = '\(repo)#101'") == ["explicit"])
        // The author's own review (earlier) is not the first review.
        #expect(try query("SELECT to_char(first_review_at - opened_at, 'HH24:MI') FROM changes WHERE number = 3") == ["04:48"])
        #expect(try query("SELECT count(*)::text FROM changes WHERE number = 8") == ["0"])
    }

    @Test func aCompareOfMoreThan250CommitsIsReadPageByPageAndMapsEveryChange() throws {
        _ = try harvest()
        // 9005 → 9006: 300 direct pushes, then #5's and #6's merge commits, past the first pages.
        #expect(try query("""
            SELECT count(*)::text FROM deployment_commits dc JOIN deployments d ON d.id = dc.deployment_id
            WHERE d.external_id = '9006'
            """) == ["302"])
        #expect(try query("""
            SELECT dc.change_key FROM deployment_changes dc JOIN deployments d ON d.id = dc.deployment_id
            WHERE d.external_id = '9006' ORDER BY 1
            """) == ["\(SimDeliveryScenario.repo)#5", "\(SimDeliveryScenario.repo)#6"])
        let main = scenario.mainCommits[SimDeliveryScenario.repo] ?? []
        let pages = fixture.server.requestLog.entries()
            .filter { $0.path.hasSuffix("/compare/\(main[5])...\(main[307])") }
            .map(\.query)
        #expect(pages == (1...4).map { "per_page=100&page=\($0)" })
    }

    @Test func secondHarvestWritesNothingNewAndCompletes() throws {
        _ = try harvest()
        let before = try query("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM deployments")
        let second = try harvest()
        #expect(second.status == .completed)
        #expect(try query("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM deployments") == before)
    }

    /// A repository added to `github.repos` after earlier runs is backfilled, not read from the
    /// previous run's start (which would keep only its last week of deployments).
    @Test func aRepositoryAddedLaterIsBackfilled() throws {
        var environment = HarvestFixture.environment
        environment["WORKSUPPORT_DATABASE_URL"] = fixture.database.url
        let withoutRepos = try WorkSupportConfig.parse(text: fixture.properties, file: "sim.properties", environment: environment)
        let first = try HarvestRunner(config: withoutRepos, connection: try fixture.database.connect(),
                                      progress: HarvestProgress(mode: .never, output: { _ in }, logger: HarvestFixture.quiet),
                                      sleep: { _ in }).run(HarvestOptions(kind: .manual))
        try #require(first.status == .completed)
        #expect(try query("SELECT count(*)::text FROM deployments") == ["0"])
        _ = try harvest()
        #expect(try query("SELECT count(*)::text FROM deployments") == ["\(scenario.deployments.count)"])
        #expect(try query("SELECT min(external_id) FROM deployments") == ["9001"])
    }

    @Test func matchingWebhooksGiveTheSameDeploymentsAsTheHarvestAndTheHarvestCompletesThem() throws {
        let app = APIApplication(config: config)
        let webhooks = scenario.webhooks(secret: Self.secret)
        for delivery in webhooks + webhooks.prefix(3) {  // the first three twice: duplicates
            let response = app.handle(APIRequest(method: "POST", path: delivery.path,
                                                 headers: Dictionary(uniqueKeysWithValues: delivery.headers), body: delivery.body))
            #expect([200, 202].contains(response.status), "\(delivery.event): \(String(decoding: response.body, as: UTF8.self))")
        }
        // A pull request delivery keeps the status of the issue path (outside its label scope here:
        // ignored) while its change is written all the same.
        #expect(try query("SELECT status || ':' || count(*) FROM webhook_deliveries GROUP BY status ORDER BY 1")
                == ["applied:\(webhooks.count - scenario.pulls.count)", "ignored:\(scenario.pulls.count)"])
        let fromWebhooks = try query("SELECT external_id || '=' || status FROM deployments ORDER BY external_id")
        #expect(fromWebhooks == ["9001=success", "9002=success", "9003=failure", "9004=success", "9005=success",
                                 "9006=success", "9007=success", "9101=success"])
        #expect(try query("SELECT count(*)::text FROM changes") == ["7"])
        // Webhooks carry no commit ranges, first commits nor incidents: the harvest adds them.
        _ = try harvest()
        #expect(try query("SELECT external_id || '=' || status FROM deployments ORDER BY external_id") == fromWebhooks)
        let body = try metrics()
        #expect(abs((body["change_lead_time"]?["median_seconds"]?.doubleValue ?? 0)
                    - scenario.expected["lead_time_median_seconds"]!.doubleValue!) < 1e-6)
        #expect(abs((body["change_fail_rate"]?["value"]?.doubleValue ?? 0) - 0.5) < 1e-9)
    }
}
