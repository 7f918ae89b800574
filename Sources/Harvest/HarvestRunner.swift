import Connectors
import Foundation
import JSON
import Logging
import Postgres
import WorkSupportCore
import WorkSupportStore

/// One harvester run, start to finish: lock, recover what a killed run left, decide incremental
/// or full reload, harvest each configured source, write, audit, prune.
public final class HarvestRunner {
    let config: WorkSupportConfig
    let connection: PostgresConnection
    let progress: HarvestProgress
    /// Shortens retry waits in tests; production sleeps for real.
    let sleep: (Double) -> Void
    /// The instant the anomaly pass evaluates `stale_in_progress` at; tests pin it.
    let anomalyClock: () -> Date

    public init(config: WorkSupportConfig, connection: PostgresConnection, progress: HarvestProgress,
                sleep: @escaping (Double) -> Void = UpstreamTransport.sleepForReal,
                anomalyClock: @escaping () -> Date = Date.init) {
        self.config = config
        self.connection = connection
        self.progress = progress
        self.sleep = sleep
        self.anomalyClock = anomalyClock
    }

    public func run(_ options: HarvestOptions) throws -> HarvestReport {
        guard try HarvestLock.tryAcquire(connection) else {
            progress.log("skipped", ["reason": "another harvester holds the lock"])
            return HarvestReport(runID: nil, status: .completed, counts: HarvestRunCounts(), fullReload: false,
                                 requests: 0, retries: 0, message: "another harvester is running; nothing to do")
        }
        defer { HarvestLock.release(connection) }

        let runs = HarvestRunStore(connection: connection)
        let scope = HarvestScopeQueries(connection: connection)
        // We hold the lock, so any run still marked running was killed: fail it, drop its staging.
        let reloadWasInterrupted = try scope.reloadIsMarkedRunning()
        for orphan in try runs.markOrphanedRunsFailed(staleAfter: 0) {
            progress.log("recovered", ["run": "\(orphan.id)", "status": "failed", "reason": "interrupted"], level: .warning)
        }
        if options.dryRun { return try harvest(options, runID: nil, reload: nil) }
        try ReferenceSync(connection: connection).apply(team: config.team, hierarchy: config.issueTypes)

        var options = options
        // A Slack-only run (`--source slack`) neither claims nor starts a reload of the issues.
        let harvestsIssues = !options.sources.isEmpty
        if !options.fullReload, harvestsIssues, try scope.reloadIsQueued() {
            options.fullReload = true
            options.kind = .manual
        } else if !options.fullReload, harvestsIssues, try needsAutomaticReload(scope: scope, afterInterruptedReload: reloadWasInterrupted) {
            options.fullReload = true
            options.kind = .automatic
        }
        let runID = try runs.start(kind: options.kind, trigger: options.trigger, fullReload: options.fullReload)
        var claimed: ReloadRequest?
        if options.fullReload, harvestsIssues { claimed = try ReloadStore(connection: connection).claimQueued(runID: runID) }
        var started: Logger.Metadata = ["run": "\(runID)", "kind": "\(options.kind.rawValue)",
                                        "full_reload": "\(options.fullReload)"]
        if let claimed { started["reload_request"] = "\(claimed.id)" }
        progress.log("start", started)
        do {
            let report = try harvest(options, runID: runID, reload: claimed)
            try runs.prune(retentionDays: config.harvest.retentionDays, now: Date())
            try DeliveryRetention(connection: connection, days: config.retention.deliveriesDays)
                .prune(now: Date(), recordingIn: runID)
            try BranchPushRetention(connection: connection, days: config.retention.deliveriesDays)
                .prune(now: Date(), recordingIn: runID)
            return report
        } catch {
            let message = String(describing: error)
            try? runs.finish(runID: runID, status: .failed, counts: HarvestRunCounts(), errorMessage: message)
            if let claimed { _ = try? ReloadStore(connection: connection).fail(id: claimed.id, message: message) }
            progress.log("finish", ["run": "\(runID)", "status": "failed", "error": "\(message.prefix(300))"], level: .error)
            return HarvestReport(runID: runID, status: .failed, counts: HarvestRunCounts(), fullReload: options.fullReload,
                                 requests: 0, retries: 0, message: message)
        }
    }

    /// A full reload starts by itself when none ever completed (the first harvest is a full one),
    /// or when a reload was just found interrupted and the last completed one is older than
    /// `harvest.interval_hours`: the data may lack deletions since then.
    func needsAutomaticReload(scope: HarvestScopeQueries, afterInterruptedReload: Bool) throws -> Bool {
        guard let last = try scope.lastCompletedReload() else { return true }
        let interval = Double(config.harvest.intervalHours) * 3600
        return afterInterruptedReload && Date().timeIntervalSince(last) > interval
    }

    private func harvest(_ options: HarvestOptions, runID: Int64?, reload: ReloadRequest?) throws -> HarvestReport {
        let startedAt = Date()
        let runs = HarvestRunStore(connection: connection)
        let failures = HarvestFailureLog(progress: progress)
        var retries = 0
        let transportFactory = { [config, sleep] in
            UpstreamTransport(policy: RetryPolicy(maxAttempts: config.harvest.maxAttempts),
                              totalTimeout: Double(config.harvest.timeoutSeconds), sleep: sleep,
                              onRetry: { retry in
                                  retries += 1
                                  self.progress.log("retry", ["request": "\(retry.request.prefix(200))", "attempt": "\(retry.attempt)",
                                                              "reason": "\(retry.reason)",
                                                              "wait": "\(String(format: "%.2f", retry.waitSeconds))"])
                              })
        }
        let sink: HarvestSink
        let staged: StagedReload?
        if let runID, !options.dryRun {
            if options.fullReload, !options.sources.isEmpty {
                let reload = StagedReload(connection: connection, runID: runID, batchSize: config.harvest.batchSize)
                staged = reload
                sink = StagingSink(reload: reload)
            } else {
                staged = nil
                sink = LiveTableSink(writer: IssueWriter(connection: connection, batchSize: config.harvest.batchSize), runID: runID)
            }
        } else {
            staged = nil
            sink = DiscardingSink()
        }

        var fetched = 0
        var requests = 0
        var harvested: Set<IssueSource> = []
        var cursors = JSONObject()
        if options.sources.contains(.jira), let jira = config.jira {
            let transport = transportFactory()
            let client = JiraClient(baseURL: jira.baseURL, email: jira.email, apiToken: jira.apiToken ?? "", transport: transport)
            let cursor = options.fullReload ? nil : try runs.lastSuccessfulCursor(source: .jira)
            let walk = JiraHarvest(client: client, config: config, jira: jira, sink: sink, progress: progress, failures: failures)
            let scope = HarvestScopeQueries(connection: connection)
            walk.run(cursor: cursor, knownKeys: cursor == nil ? nil : { try scope.jiraKeys(ofTypes: $0) })
            fetched += walk.fetched
            requests += transport.requestCount
            if failures.count(of: .jira) == 0 && failures.count(of: .database) == 0 {
                harvested.insert(.jira)
                cursors["jira"] = .string(PostgresTimestamp.format(startedAt))
            }
            // After the issues' own outcome: a bad incident query makes the run partial, not the issues stale.
            if let jql = config.delivery.incidentJQL, runID != nil, !options.dryRun {
                fetched += JiraIncidentHarvest(client: client, connection: connection, config: config.delivery,
                                               failures: failures).run(jql: jql)
            }
        }
        if options.sources.contains(.github), let github = config.github {
            let transport = transportFactory()
            let client = GitHubClient(apiURL: github.apiURL, token: github.token, transport: transport)
            let cursor = options.fullReload ? nil : try runs.lastSuccessfulCursor(source: .github)
            let search = GitHubHarvest(client: client, config: config, github: github, sink: sink, progress: progress, failures: failures)
            search.run(cursor: cursor, now: startedAt)
            fetched += search.fetched
            requests += transport.requestCount
            if failures.count(of: .github) == 0 && failures.count(of: .database) == 0 {
                harvested.insert(.github)
                cursors["github"] = .string(PostgresTimestamp.format(startedAt))
            }
            // After the issues' own outcome: a refused compare makes the run partial, not the issues stale.
            if !config.delivery.githubRepos.isEmpty, runID != nil, !options.dryRun {
                let delivery = DeliveryHarvest(client: GitHubDeliveryClient(apiURL: github.apiURL, token: github.token, transport: transport),
                                               connection: connection, config: config.delivery, progress: progress, failures: failures)
                delivery.run(since: cursor, now: startedAt)
                fetched += delivery.fetched
            }
        }

        if options.collectsSlack, let slack = config.slack, slack.collects, let runID, !options.dryRun {
            let transport = transportFactory()
            requests += try harvestSlack(slack, transport: transport, runID: runID, full: options.fullReload,
                                         startedAt: startedAt, failures: failures, cursors: &cursors)
        }
        var counts = HarvestRunCounts(fetched: fetched, writes: sink.counts, failed: failures.failures.count)
        if let staged {
            // Deletions only for sources fetched without failure: a source that failed midway
            // would otherwise lose every issue it did not reach.
            let result = try staged.commit(snapshotStartedAt: startedAt, sources: harvested) { rejection in
                failures.record(.database, itemKey: rejection.issueKey, reason: rejection.reason)
            }
            counts = HarvestRunCounts(fetched: fetched, writes: result.writes, deleted: result.deleted,
                                      failed: failures.failures.count)
        }
        if let runID, options.sources.contains(.jira), let jira = config.jira {
            let transport = transportFactory()
            let client = JiraClient(baseURL: jira.baseURL, email: jira.email, apiToken: jira.apiToken ?? "", transport: transport)
            ChangelogHarvest(client: client, writer: TransitionWriter(connection: connection), runID: runID, failures: failures,
                             progress: progress).run(everyIssue: options.fullReload)
            requests += transport.requestCount
            counts.failed = failures.failures.count
        }
        if let runID {
            requests += harvestCollaboration(options, runID: runID, failures: failures, transportFactory: transportFactory)
            counts.failed = failures.failures.count
        }
        let attempted = options.sources.filter { $0 == .jira ? config.jira != nil : config.github != nil }
        // Failed only when nothing was stored: a bad item among good ones makes the run partial.
        let status: HarvestRunStatus = failures.isEmpty ? .completed
            : (harvested.isEmpty && !attempted.isEmpty && sink.stored == 0 ? .failed : .partial)
        if let runID {
            for failure in failures.failures {
                try runs.recordError(runID: runID, source: failure.source, itemKey: failure.itemKey,
                                     reason: failure.reason, httpStatus: failure.httpStatus, attempts: failure.attempts)
            }
            if options.sources.contains(.jira), let jira = config.jira {
                let transport = transportFactory()
                let client = JiraClient(baseURL: jira.baseURL, email: jira.email, apiToken: jira.apiToken ?? "",
                                        transport: transport)
                try ReleaseHarvest(client: client, store: ReleaseStore(connection: connection), progress: progress).run()
                requests += transport.requestCount
            }
            try runs.recordTraffic(runID: runID, requests: requests, retries: retries)
            if status != .failed {
                let pass = try AnomalyPass(connection: connection, anomaly: config.anomaly, release: config.release)
                    .run(now: anomalyClock(), runID: runID)
                progress.log("anomalies", ["run": "\(runID)", "new": "\(pass.new)", "resolved": "\(pass.resolved)",
                                           "open": "\(pass.open)"])
            }
            try runs.finish(runID: runID, status: status, counts: counts, cursors: .object(cursors),
                            errorMessage: failures.isEmpty ? nil : "\(failures.failures.count) failure(s); see harvest_errors")
            if let reload {
                let store = ReloadStore(connection: connection)
                if status == .failed {
                    _ = try store.fail(id: reload.id, message: "harvest failed")
                } else {
                    _ = try store.complete(id: reload.id, recordsProcessed: fetched, issuesDeleted: counts.deleted)
                }
            }
        }
        let seconds = Date().timeIntervalSince(startedAt)
        progress.log("finish", [
            "run": "\(runID.map(String.init) ?? "dry-run")", "status": "\(status.rawValue)", "fetched": "\(counts.fetched)",
            "inserted": "\(counts.inserted)", "updated": "\(counts.updated)", "unchanged": "\(counts.unchanged)",
            "deleted": "\(counts.deleted)", "failed": "\(counts.failed)", "requests": "\(requests)",
            "retries": "\(retries)", "seconds": "\(String(format: "%.1f", seconds))",
        ], level: status == .completed ? .info : (status == .failed ? .error : .warning))
        return HarvestReport(runID: runID, status: status, counts: counts, fullReload: options.fullReload,
                             requests: requests, retries: retries, message: nil)
    }
}
