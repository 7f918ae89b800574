import Foundation
@testable import WorkSupportCore

/// Times in hours from one origin, so the hand-computed expectations read as plain arithmetic.
enum DeliveryFixtures {
    static let origin = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func hour(_ hours: Double) -> Date { origin.addingTimeInterval(hours * 3600) }

    static func deployment(_ id: Int64, at hours: Double, _ state: DeploymentState = .success,
                           repo: String = "acme/shop", environment: String = "production",
                           production: Bool = true, ref: String? = nil, sha: String? = nil,
                           range: ChangeRange = .known) -> Deployment {
        Deployment(id: id, repo: repo, environment: environment, isProduction: production, sha: sha ?? "sha\(id)",
                   ref: ref, state: state, createdAt: hour(state == .success ? hours - 0.25 : hours),
                   finishedAt: state == .success ? hour(hours) : nil, changeRange: range)
    }
}
