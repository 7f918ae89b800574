import Foundation
import Testing
@testable import WorkSupportCore

struct ChangeDeploymentMappingTests {
    typealias F = DeliveryFixtures

    @Test func firstSuccessfulDeploymentHasNoBaseAndFailuresAreNeverABase() {
        let pairs = ChangeDeploymentMapping.predecessors([
            F.deployment(3, at: 30), F.deployment(2, at: 20, .failure), F.deployment(1, at: 10),
        ])
        #expect(pairs.map(\.deployment.id) == [1, 3])
        #expect(pairs[0].base == nil)
        #expect(pairs[1].base?.id == 1)
    }

    @Test func changeShipsWithTheEarliestSuccessfulProductionDeploymentHoldingItsMergeCommit() {
        // A squash merge's commit is in the ranges of a failed try, a staging deploy and two
        // production deploys (a redeploy of the same sha): the first successful production one wins.
        let change = Change(key: "acme/shop#7", repo: "acme/shop", mergedAt: F.hour(0), mergeSha: "squash1")
        let shipped = ChangeDeploymentMapping.shippingDeployment(of: change, candidates: [
            F.deployment(5, at: 9, .failure),
            F.deployment(6, at: 10, environment: "staging", production: false),
            F.deployment(8, at: 14),
            F.deployment(7, at: 12),
            F.deployment(9, at: 11, repo: "acme/other"),
        ])
        #expect(shipped?.id == 7)
    }

    @Test func changeWithNoSuccessfulCandidateIsUnshipped() {
        let change = Change(key: "acme/shop#8", repo: "acme/shop", mergedAt: F.hour(0))
        #expect(ChangeDeploymentMapping.shippingDeployment(of: change, candidates: [F.deployment(1, at: 2, .error)]) == nil)
    }
}

struct IncidentLinkerTests {
    typealias F = DeliveryFixtures
    let linker = IncidentLinker(windowHours: 72)

    @Test func explicitReferenceWinsOverALaterDeploymentInTheWindow() {
        let incident = Incident(id: 1, repo: "acme/shop", createdAt: F.hour(100))
        let link = linker.link(incident, referenced: [F.deployment(1, at: 10)],
                               recent: [F.deployment(1, at: 10), F.deployment(2, at: 99)])
        #expect(link?.deploymentID == 1)
        #expect(link?.method == .explicit)
    }

    @Test func withoutReferenceTheLatestSuccessfulProductionDeploymentBeforeItInTheWindowIsTaken() {
        let incident = Incident(id: 1, repo: "acme/shop", createdAt: F.hour(100))
        let link = linker.link(incident, referenced: [], recent: [
            F.deployment(1, at: 50), F.deployment(2, at: 90), F.deployment(3, at: 95, .failure),
            F.deployment(4, at: 96, environment: "staging", production: false), F.deployment(5, at: 101),
            F.deployment(6, at: 97, repo: "acme/other"),
        ])
        #expect(link?.deploymentID == 2)
        #expect(link?.method == .window)
    }

    @Test func deploymentOlderThanTheWindowLeavesTheIncidentUnlinked() {
        let incident = Incident(id: 1, repo: "acme/shop", createdAt: F.hour(100))
        #expect(linker.link(incident, referenced: [], recent: [F.deployment(1, at: 27.9)]) == nil)
        #expect(linker.link(incident, referenced: [], recent: [F.deployment(1, at: 28)])?.deploymentID == 1)
    }

    @Test func incidentWithoutRepoOrOfAnotherEnvironmentIsNotLinkedByTime() {
        let recent = [F.deployment(1, at: 99)]
        #expect(linker.link(Incident(id: 1, createdAt: F.hour(100)), referenced: [], recent: recent) == nil)
        let other = Incident(id: 2, repo: "acme/shop", environment: "prod-eu", createdAt: F.hour(100))
        #expect(linker.link(other, referenced: [], recent: recent) == nil)
    }
}
