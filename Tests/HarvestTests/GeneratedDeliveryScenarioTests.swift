import API
import Foundation
import Harvest
import JSON
import Simulator
import Testing
import WorkSupportCore
import WorkSupportStore

/// Generated delivery histories (several repositories, every case of the rules) harvested from
/// the simulator: each of the five metrics, per repository and for all together, equals the
/// answer manifest's, which the simulator worked out from how it built the history.
@Suite(.serialized) struct GeneratedDeliveryScenarioTests {
    static let size = SimDeliveryScenario.Size(repos: 2, deploymentsPerRepo: 24, pullsPerDeployment: 2)

    @Test(arguments: [11, 29] as [UInt64])
    func everyMetricOfEveryRepositoryMatchesTheManifest(seed: UInt64) throws {
        let scenario = SimDeliveryScenario(seed: seed, size: Self.size, now: DatasetGenerator.defaultNow)
        let fixture = try HarvestFixture(issues: 20, members: 2, delivery: scenario)
        var environment = HarvestFixture.environment
        environment["WORKSUPPORT_DATABASE_URL"] = fixture.database.url
        let config = try WorkSupportConfig.parse(text: fixture.properties + "\ngithub.repos=\(scenario.repos.joined(separator: ","))\n",
                                                 file: "sim.properties", environment: environment)
        let report = try HarvestRunner(config: config, connection: try fixture.database.connect(),
                                       progress: HarvestProgress(mode: .never, output: { _ in }, logger: HarvestFixture.quiet),
                                       sleep: { _ in }).run(HarvestOptions(kind: .manual))
        #expect(report.status == .partial, "each repository has a compare GitHub refuses")

        let delivery = try #require(fixture.manifest["delivery"])
        // The history gives every metric something to measure.
        for metric in ["deployments_per_week", "lead_time_median_seconds", "change_fail_rate", "recovery_median_seconds", "rework_rate"] {
            #expect((delivery["all"]?[metric]?.doubleValue ?? 0) > 0, "seed \(seed): \(metric)")
        }
        #expect(delivery["all"]?["unknown_ranges"]?.intValue == scenario.repos.count)
        let key = try APIKeyStore(connection: try fixture.database.connect()).create(name: "generated").key
        let app = APIApplication(config: config)
        for repo in [nil] + scenario.repos {
            let expected = try #require(repo.map { delivery["by_repo"]?[$0] } ?? delivery["all"])
            let query = (repo.map { "repo=\($0)&" } ?? "")
                + "from=\(expected["from"]!.stringValue!)&to=\(expected["to"]!.stringValue!)"
            let response = app.handle(APIRequest(method: "GET", path: "/api/metrics/dora", rawQuery: query, headers: ["x-api-key": key]))
            #expect(response.status == 200)
            let body = try JSONValue.parse(response.body)
            let label = "seed \(seed) \(repo ?? "all")"
            func same(_ have: JSONValue?, _ want: String) {
                let wanted = expected[want]?.doubleValue
                let got = have?.doubleValue
                #expect((got == nil) == (wanted == nil), "\(label) \(want): \(String(describing: got)) vs \(String(describing: wanted))")
                if let got, let wanted { #expect(abs(got - wanted) < 1e-6, "\(label) \(want): \(got) vs \(wanted)") }
            }
            same(body["deployment_frequency"]?["per_week"]?["value"], "deployments_per_week")
            same(body["deployment_frequency"]?["deployment_days_per_week"]?["value"], "deployment_days_per_week")
            same(body["change_lead_time"]?["median_seconds"], "lead_time_median_seconds")
            same(body["change_lead_time"]?["p85_seconds"], "lead_time_p85_seconds")
            same(body["change_fail_rate"]?["value"], "change_fail_rate")
            same(body["failed_deployment_recovery_time"]?["median_seconds"], "recovery_median_seconds")
            same(body["deployment_rework_rate"]?["value"], "rework_rate")
            #expect((body["deployments_without_known_changes"]?["unknown"]?.intValue ?? 0) == expected["unknown_ranges"]?.intValue,
                    "\(label) unknown ranges")
            #expect(body["unlinked_incident_ids"]?.arrayValue?.count == expected["unlinked_incidents"]?.arrayValue?.count,
                    "\(label) unlinked incidents")
        }
        // Every kind of case is there: a first deployment without base, both link methods, an unlinked incident.
        let rows = try fixture.database.connect().query("""
            SELECT (SELECT count(*) FROM deployments WHERE changes_state = 'base_unknown')::text,
                   (SELECT string_agg(DISTINCT coalesce(link_method, 'none'), ',' ORDER BY coalesce(link_method, 'none')) FROM incidents)
            """)
        #expect(try rows[0].get(0) as String == String(scenario.repos.count))
        #expect(try rows[0].get(1) as String == "explicit,none,window")
        let unlinked = try fixture.database.connect().query("SELECT external_id FROM incidents WHERE deployment_id IS NULL ORDER BY 1")
            .map { try $0.get(0) as String }
        #expect(unlinked == delivery["all"]?["unlinked_incidents"]?.arrayValue?.compactMap(\.stringValue))
    }
}
