import Connectors
import WorkSupportStore

extension HarvestRunner {
    /// After the items (and their histories, which date assignments) are written: the reviews of
    /// the run's pull requests, then the ASSIGNED_TO and Jira comment edges of its issues.
    /// Returns the requests made.
    func harvestCollaboration(_ options: HarvestOptions, runID: Int64, failures: HarvestFailureLog,
                              transportFactory: () -> UpstreamTransport) -> Int {
        var requests = 0
        let writer = CollaborationWriter(connection: connection)
        if options.sources.contains(.github), let github = config.github {
            let transport = transportFactory()
            let client = GitHubDeliveryClient(apiURL: github.apiURL, token: github.token, transport: transport)
            ReviewHarvest(client: client, writer: writer, runID: runID, failures: failures, progress: progress)
                .run(everyPullRequest: options.fullReload)
            requests += transport.requestCount
        }
        do {
            try writer.deriveIssueEdges(runID: runID, everyIssue: options.fullReload)
        } catch {
            failures.record(.database, itemKey: "interactions", error: error)
        }
        return requests
    }
}
