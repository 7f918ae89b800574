import Foundation
import Testing
@testable import WorkSupportCore

/// One small history computed by hand (docs/dora.md walks through the same numbers). Times are
/// hours from 2026-01-01T00:00Z; the window is [0 h, 336 h), two weeks.
struct DoraCalculatorTests {
    typealias F = DeliveryFixtures
    let calculator = DoraCalculator(from: F.hour(0), to: F.hour(336))
    let hour = 3600.0

    var deployments: [Deployment] {
        [
            F.deployment(1, at: 10),
            F.deployment(2, at: 36, .failure),
            F.deployment(3, at: 39),                                   // recovers 2 after 3 h
            F.deployment(4, at: 81, range: .unknown(reason: "compare refused")),  // an incident: 4 h
            F.deployment(5, at: 90, ref: "hotfix/cart", range: .pending),
            F.deployment(6, at: 400),                                  // after the window
        ]
    }

    var changes: [Change] {
        [
            Change(key: "acme/shop#1", repo: "acme/shop", author: "alice", firstCommitAt: F.hour(-48),
                   openedAt: F.hour(-40), firstReviewAt: F.hour(-30), mergedAt: F.hour(-20), deploymentID: 1),
            Change(key: "acme/shop#2", repo: "acme/shop", author: "bob", firstCommitAt: F.hour(-10),
                   openedAt: F.hour(-9), mergedAt: F.hour(2), deploymentID: 1),
            Change(key: "acme/shop#3", repo: "acme/shop", author: "carol", title: "Revert \"Cart v2\"",
                   firstCommitAt: F.hour(36), openedAt: F.hour(37), firstReviewAt: F.hour(37.5),
                   mergedAt: F.hour(38), deploymentID: 3),
        ]
    }

    var incidents: [Incident] {
        [
            Incident(id: 1, repo: "acme/shop", createdAt: F.hour(82), resolvedAt: F.hour(85), deploymentID: 4,
                     linkMethod: .window),
            Incident(id: 2, repo: "acme/shop", createdAt: F.hour(200)),
        ]
    }

    @Test func handComputedHistoryGivesEachOfTheFiveMetrics() {
        let report = calculator.report(deployments: deployments, changes: changes, incidents: incidents)
        // Successful deployments 1, 3, 4, 5 on days 0, 1, 3, 3.
        #expect(report.deploymentsPerWeek.value == 2)
        #expect(report.deploymentsPerWeek.numerator == 4)
        #expect(report.deploymentsPerWeek.denominator == 2)
        #expect(report.deploymentDaysPerWeek.value == 1.5)
        // Lead times 58 h, 20 h, 3 h.
        #expect(report.changeLeadTime.median == 20 * hour)
        #expect(abs(report.changeLeadTime.p85! - 46.6 * hour) < 1e-6)
        #expect(report.changeLeadTime.count == 3)
        #expect(report.leadTimePart("coding")?.median == 1 * hour)   // 8, 1, 1
        #expect(report.leadTimePart("pickup")?.median == 5.25 * hour)  // 10, 0.5
        #expect(report.leadTimePart("review")?.median == 5.25 * hour)  // 10, 0.5
        #expect(report.leadTimePart("pickup")?.count == 2)
        #expect(report.leadTimePart("deploy")?.median == 8 * hour)   // 30, 8, 1
        // Failed: 2 by its status, 4 by its incident, of five finished deployments.
        #expect(report.changeFailRate.value == 0.4)
        #expect(report.changeFailRate.numerator == 2)
        #expect(report.changeFailRate.denominator == 5)
        // Recovered after 3 h (next success) and 4 h (incident resolved).
        #expect(report.failedDeploymentRecoveryTime.median == 3.5 * hour)
        #expect(report.failedDeploymentRecoveryTime.count == 2)
        // Unplanned: 3 (only a revert) and 5 (a hotfix branch), of four successes.
        #expect(report.deploymentReworkRate.value == 0.5)
        #expect(report.reworkRule.contains("hotfix"))
        #expect(report.deploymentsWithoutKnownChanges == ["unknown": 1, "pending": 1])
        #expect(report.unlinkedIncidentIDs == [2])
    }

    @Test func deploymentWithAFailedStatusAndTwoIncidentsCountsOnceSoTheRateStaysWithinOne() {
        let report = calculator.report(
            deployments: [F.deployment(1, at: 5, .failure)], changes: [],
            incidents: [Incident(id: 1, createdAt: F.hour(6), deploymentID: 1),
                        Incident(id: 2, createdAt: F.hour(7), deploymentID: 1)])
        #expect(report.changeFailRate.value == 1)
        #expect(report.changeFailRate.numerator == 1)
    }

    @Test func emptyWindowSaysWhyEachMetricIsUnavailable() {
        let report = calculator.report(deployments: [], changes: [], incidents: [])
        #expect(report.deploymentsPerWeek.value == 0)
        #expect(report.changeFailRate.value == nil)
        #expect(report.changeFailRate.unavailable == "no finished deployment in the window")
        #expect(report.changeLeadTime.unavailable == "no change reached a successful deployment in the window")
        #expect(report.failedDeploymentRecoveryTime.unavailable == "no failed deployment in the window")
        #expect(report.deploymentReworkRate.unavailable == "no successful deployment in the window")
    }

    @Test func failureNotYetRecoveredIsCountedButNotMeasured() {
        let report = calculator.report(deployments: [F.deployment(1, at: 5, .failure)], changes: [], incidents: [])
        #expect(report.failedDeploymentRecoveryTime.median == nil)
        #expect(report.failedDeploymentRecoveryTime.eligible == 1)
        #expect(report.failedDeploymentRecoveryTime.unavailable == "none of the 1 failed deployments has recovered yet")
    }

    @Test func teamNarrowsToDeploymentsShippingAMembersChange() {
        let team = DoraCalculator(from: F.hour(0), to: F.hour(336), authors: ["Alice"])
        let report = team.report(deployments: deployments, changes: changes, incidents: incidents)
        #expect(report.deploymentsPerWeek.numerator == 1)
        #expect(report.changeLeadTime.median == 58 * hour)
        #expect(report.changeFailRate.value == 0)
    }

    @Test func pendingDeploymentsAreNotCountedAnywhere() {
        let pending = Deployment(id: 1, repo: "acme/shop", environment: "production", state: .inProgress,
                                 createdAt: F.hour(5))
        let report = calculator.report(deployments: [pending], changes: [], incidents: [])
        #expect(report.deploymentsPerWeek.numerator == 0)
        #expect(report.changeFailRate.denominator == 0)
    }
}

struct DeliveryConfigTests {
    @Test func doraKeysDefaultAsDesigned() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal])
        #expect(config.delivery.productionEnvironments == ["production", "prod"])
        #expect(config.delivery.backfillDays == 180)
        #expect(config.delivery.incidentLabel == "incident")
        #expect(config.delivery.incidentJQL == nil)
        #expect(config.delivery.incidentWindowHours == 72)
        #expect(config.delivery.isProduction(environment: "Production"))
        #expect(!config.delivery.isProduction(environment: "production-canary"))
    }

    @Test func doraKeysAreRead() throws {
        let config = try ConfigFixtures.parse([
            "database.url=postgresql:///worksupport", "github.issue_label=ws", "github.repos=acme/shop, acme/api",
            "dora.production_environments=live", "dora.incident_window_hours=24", "dora.incident_jql=type = Incident",
        ])
        #expect(config.delivery.githubRepos == ["acme/shop", "acme/api"])
        #expect(config.delivery.collects(githubRepo: "ACME/Shop"))
        #expect(config.delivery.productionEnvironments == ["live"])
        #expect(config.delivery.incidentWindowHours == 24)
        #expect(config.delivery.incidentJQL == "type = Incident")
    }

    @Test func repoWithoutOwnerIsRefusedWithItsLine() {
        let error = ConfigFixtures.firstError(["database.url=postgresql:///worksupport", "github.issue_label=ws",
                                               "github.repos=acme/shop,shop"])
        #expect(error?.contains(":3:") == true)
        #expect(error?.contains("'shop' is not an owner/name repository") == true)
    }
}
