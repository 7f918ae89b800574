import Foundation
import Testing
@testable import WorkSupportCore

/// One grouping of changes serves the reports of several windows (the delivery page's periods):
/// a report from it equals the report from the window's own changes.
struct DoraShippedChangesTests {
    typealias F = DeliveryFixtures
    let base = DoraCalculatorTests()

    @Test func aReportFromChangesGroupedOnceEqualsOneFromTheWindowsOwnChanges() {
        let firstWeek = DoraCalculator(from: F.hour(0), to: F.hour(168))
        // Grouped by a calculator over another window, with changes of deployments outside this one.
        let later = Change(key: "acme/shop#9", repo: "acme/shop", firstCommitAt: F.hour(300), mergedAt: F.hour(390), deploymentID: 6)
        let shipped = DoraCalculator(from: F.hour(0), to: F.hour(500)).shipped(base.changes + [later])
        let fromGrouping = firstWeek.report(deployments: base.deployments, shipped: shipped, incidents: base.incidents)
        let direct = firstWeek.report(deployments: base.deployments, changes: base.changes, incidents: base.incidents)
        #expect(fromGrouping == direct)
        #expect(fromGrouping.changeLeadTime.count == 3)
    }

    @Test func theTeamFilterAppliesWhenTheChangesAreGrouped() {
        let team = DoraCalculator(from: F.hour(0), to: F.hour(336), authors: ["Alice"])
        let report = team.report(deployments: base.deployments, shipped: team.shipped(base.changes), incidents: base.incidents)
        #expect(report.changeLeadTime.count == 1)
        #expect(report == team.report(deployments: base.deployments, changes: base.changes, incidents: base.incidents))
    }
}
