/// What the delivery metrics collect and how they decide (DESIGN.md, "Delivery metrics").
public struct DeliveryConfig: Sendable, Hashable {
    /// `github.repos`: `owner/name` repositories whose deployments and pull requests are harvested.
    /// Limits GitHub only: ingested deployments and incidents are kept for any repo.
    public var githubRepos: [String]
    /// Environment names that count as production, compared case-insensitively.
    public var productionEnvironments: [String]
    public var backfillDays: Int
    public var incidentLabel: String
    /// Jira issues matching it are incidents too; nil: none.
    public var incidentJQL: String?
    /// An incident without an explicit reference links to the latest production deployment of its
    /// repo at most this long before it.
    public var incidentWindowHours: Int

    public static let defaultProductionEnvironments = ["production", "prod"]

    public init(githubRepos: [String] = [], productionEnvironments: [String] = DeliveryConfig.defaultProductionEnvironments,
                backfillDays: Int = 180, incidentLabel: String = "incident", incidentJQL: String? = nil,
                incidentWindowHours: Int = 72) {
        self.githubRepos = githubRepos
        self.productionEnvironments = productionEnvironments
        self.backfillDays = backfillDays
        self.incidentLabel = incidentLabel
        self.incidentJQL = incidentJQL
        self.incidentWindowHours = incidentWindowHours
    }

    /// From the structured environment field only, never from a job name.
    public func isProduction(environment: String) -> Bool {
        let name = environment.lowercased()
        return productionEnvironments.contains { $0.lowercased() == name }
    }

    /// Whether GitHub data of `repo` is collected (case-insensitive, as GitHub names are).
    public func collects(githubRepo repo: String) -> Bool {
        let name = repo.lowercased()
        return githubRepos.contains { $0.lowercased() == name }
    }
}

extension DeliveryConfig {
    init(reading reader: inout ConfigReader) {
        let defaults = DeliveryConfig()
        let repos = Self.list(&reader, "github.repos", fallback: [])
        for repo in repos where !Self.isRepoName(repo) {
            if let value = reader.values["github.repos"] {
                reader.reportInvalid(.invalidIdentifier, key: "github.repos", value: value,
                                     "'\(repo)' is not an owner/name repository")
            }
        }
        let production = Self.list(&reader, "dora.production_environments",
                                   fallback: defaults.productionEnvironments)
        let backfill = reader.integer("dora.backfill_days", default: defaults.backfillDays, range: 1...3650)
        let label = reader.string("dora.incident_label", .defaulted(defaults.incidentLabel)) ?? defaults.incidentLabel
        let jql = reader.string("dora.incident_jql", .optional)
        let window = reader.integer("dora.incident_window_hours", default: defaults.incidentWindowHours,
                                    range: 1...8760)
        self.init(githubRepos: repos, productionEnvironments: production, backfillDays: backfill,
                  incidentLabel: label, incidentJQL: jql, incidentWindowHours: window)
    }

    /// A comma-separated list, blanks dropped; recorded as given.
    static func list(_ reader: inout ConfigReader, _ key: String, fallback: [String]) -> [String] {
        guard let value = reader.lookup(key, .defaulted(fallback.joined(separator: ","))) else { return fallback }
        let items = value.text.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        reader.record(key, items.joined(separator: ","), value.origin)
        return items
    }

    static func isRepoName(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic
                || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
        }
    }
}
