import FoundationEssentials
import JSON
import WorkSupportCore
import WorkSupportStore

/// The delivery-metrics reads: `GET /api/metrics/dora`, `/api/deployments`, `/api/incidents`,
/// `/api/changes`. All read on the read connection and never write.
extension APIApplication {
    static let defaultDoraWindowDays = 90.0

    /// `GET /api/metrics/dora`: the five metrics over `from`..`to` (default the last 90 days).
    func doraMetrics(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let scope = try doraScope(query)
        let authors = try teamAuthors(query)
        let inputs = try reads.run { connection throws(StoreError) in try DoraQueries(connection: connection).inputs(scope) }
        let calculator = DoraCalculator(from: scope.from, to: scope.to, incidentLabel: config.delivery.incidentLabel,
                                        authors: authors)
        let report = calculator.report(deployments: inputs.deployments, changes: inputs.changes, incidents: inputs.incidents)
        var described: JSONObject = [
            "repo": scope.repo.map { .string($0) } ?? .null,
            "environment": scope.environment.map { .string($0) } ?? .string("production"),
            "production_environments": .array(config.delivery.productionEnvironments.map { .string($0) }),
        ]
        described["team"] = try query.single("team").map { .string($0) } ?? .null
        described["member"] = try query.single("member").map { .string($0) } ?? .null
        return .json(DoraReportDocument.json(report, scope: described))
    }

    func deploymentsList(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let scope = try doraScope(query)
        let status = try query.oneOf("status", DeploymentState.allCases.map(\.rawValue))
        let limit = try query.integer("limit", in: 1...1000) ?? 100
        let body = try reads.run { connection throws(StoreError) in
            try DeliveryListQueries(connection: connection).deploymentsJSON(scope, status: status, limit: limit)
        }
        return .json(databaseText: body)
    }

    func incidentsList(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let scope = try doraScope(query)
        let linked = try query.boolean("linked")
        let limit = try query.integer("limit", in: 1...1000) ?? 100
        let body = try reads.run { connection throws(StoreError) in
            try DeliveryListQueries(connection: connection).incidentsJSON(scope, linked: linked, limit: limit)
        }
        return .json(databaseText: body)
    }

    func changesList(_ query: QueryParameters) throws(APIError) -> APIResponse {
        let scope = try doraScope(query)
        let deployed = try query.boolean("deployed")
        let limit = try query.integer("limit", in: 1...1000) ?? 100
        let body = try reads.run { connection throws(StoreError) in
            try DeliveryListQueries(connection: connection).changesJSON(scope, deployed: deployed, limit: limit)
        }
        return .json(databaseText: body)
    }

    /// `repo`, `environment`, and the window `[from, to)`: RFC 3339 times or dates (midnight UTC);
    /// `to` defaults to now and `from` to 90 days before `to`.
    func doraScope(_ query: QueryParameters) throws(APIError) -> DoraScope {
        let to = try Self.dayOrTime(query, "to") ?? Date()
        let from = try Self.dayOrTime(query, "from") ?? to.addingTimeInterval(-Self.defaultDoraWindowDays * 86_400)
        guard from < to else { throw APIError.invalid("from", "must be before 'to'") }
        guard to.timeIntervalSince(from) <= 3660 * 86_400 else {
            throw APIError.invalid("from", "the window may span at most 10 years")
        }
        return DoraScope(repo: try query.single("repo"), environment: try query.single("environment"), from: from, to: to)
    }

    static func dayOrTime(_ query: QueryParameters, _ name: String) throws(APIError) -> Date? {
        guard let text = try query.single(name) else { return nil }
        guard let bound = DoraWindowBound.parse(text) else {
            throw APIError.invalid(name, "must be a date such as 2026-03-01 or an RFC 3339 time such as 2026-03-01T00:00:00Z, "
                + "got '\(text.prefix(40))'")
        }
        return bound
    }

    /// `team` (today: the configured team) or `member=<id>`: the GitHub logins whose changes count.
    func teamAuthors(_ query: QueryParameters) throws(APIError) -> Set<String>? {
        if let member = try query.single("member") {
            guard let found = config.team.first(where: { $0.id == member }) else {
                throw APIError.invalid("member", "no team member '\(member.prefix(60))' is configured")
            }
            return Set([found.githubID].compactMap { $0 })
        }
        guard try query.single("team") != nil else { return nil }
        return Set(config.team.compactMap(\.githubID))
    }
}
