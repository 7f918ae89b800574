import ArgumentParser
import Simulator

/// `--delivery-repos` and friends, the same for `generate` (the manifest's expected metrics) and
/// `serve` (what `/repos/` answers): give both the same values and the same dataset.
struct DeliveryScenarioOptions: ParsableArguments {
    @Option(help: "Generated delivery repositories (0: the hand-built sim-org/delivery).") var deliveryRepos: Int = 0
    @Option(help: "Deployments per generated repository (at least 6).") var deliveryDeployments: Int = 30
    @Option(help: "Merged pull requests between two deployments, on average.") var deliveryPulls: Int = 3
    @Option(help: "Seed of the generated delivery history.") var deliverySeed: UInt64 = 1

    func validate() throws {
        guard deliveryRepos >= 0 else { throw ValidationError("--delivery-repos must be 0 or more") }
        guard deliveryDeployments >= 6 else { throw ValidationError("--delivery-deployments must be at least 6") }
        guard deliveryPulls >= 1 else { throw ValidationError("--delivery-pulls must be at least 1") }
    }

    /// nil: the hand-built scenario.
    func scenario(now: Int64) -> SimDeliveryScenario? {
        guard deliveryRepos > 0 else { return nil }
        return SimDeliveryScenario(seed: deliverySeed, size: .init(repos: deliveryRepos, deploymentsPerRepo: deliveryDeployments,
                                                                  pullsPerDeployment: deliveryPulls), now: now)
    }
}
