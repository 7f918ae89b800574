import FoundationEssentials
import Postgres
import WorkSupportCore

/// The metrics' inputs decoded from their results in place, by column position: thousands of
/// changes a window, each read without a `String` per cell or a lookup by column name.
enum DoraInputRows {
    /// `DeliverySQL.deploymentColumns`, in order.
    enum DeploymentColumn: Int {
        case id, repo, environment, isProduction, sha, ref, status, createdAt, finishedAt, changesState, changesNote
    }

    /// `DoraQueries.changes`' columns, in order.
    enum ChangeColumn: Int {
        case deploymentID, key, repo, author, title, headRef, labels, firstCommitAt, openedAt, firstReviewAt, mergedAt, mergeSha
    }

    /// `DoraQueries.incidents`' columns, in order.
    enum IncidentColumn: Int {
        case id, repo, environment, createdAt, resolvedAt, deploymentID, linkMethod
    }

    static func deployments(_ result: PostgresResultView) throws(PostgresError) -> [Deployment] {
        typealias C = DeploymentColumn
        var deployments: [Deployment] = []
        deployments.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            func text(_ column: C) -> String? { result.string(row, column.rawValue) }
            let state = try result.required(text(.status), C.status.rawValue)
            deployments.append(Deployment(
                id: try result.required(try result.int64(row, C.id.rawValue), C.id.rawValue),
                repo: try result.required(text(.repo), C.repo.rawValue),
                environment: try result.required(text(.environment), C.environment.rawValue),
                isProduction: try result.required(try result.bool(row, C.isProduction.rawValue), C.isProduction.rawValue),
                sha: text(.sha), ref: text(.ref), state: DeploymentState(rawValue: state) ?? .pending,
                createdAt: try result.required(try result.timestamp(row, C.createdAt.rawValue), C.createdAt.rawValue),
                finishedAt: try result.timestamp(row, C.finishedAt.rawValue),
                changeRange: Deployment.changeRange(state: try result.required(text(.changesState), C.changesState.rawValue),
                                                    note: text(.changesNote))))
        }
        return deployments
    }

    static func changes(_ result: PostgresResultView) throws(PostgresError) -> [Change] {
        typealias C = ChangeColumn
        var changes: [Change] = []
        changes.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            func text(_ column: C) -> String? { result.string(row, column.rawValue) }
            func time(_ column: C) throws(PostgresError) -> Date? { try result.timestamp(row, column.rawValue) }
            changes.append(Change(
                key: try result.required(text(.key), C.key.rawValue), repo: try result.required(text(.repo), C.repo.rawValue),
                author: text(.author), title: text(.title), headRef: text(.headRef),
                labels: try result.required(try result.textArray(row, C.labels.rawValue), C.labels.rawValue),
                firstCommitAt: try time(.firstCommitAt), openedAt: try time(.openedAt), firstReviewAt: try time(.firstReviewAt),
                mergedAt: try result.required(try time(.mergedAt), C.mergedAt.rawValue), mergeSha: text(.mergeSha),
                deploymentID: try result.int64(row, C.deploymentID.rawValue)))
        }
        return changes
    }

    static func incidents(_ result: PostgresResultView) throws(PostgresError) -> [Incident] {
        typealias C = IncidentColumn
        var incidents: [Incident] = []
        incidents.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            func text(_ column: C) -> String? { result.string(row, column.rawValue) }
            incidents.append(Incident(
                id: try result.required(try result.int64(row, C.id.rawValue), C.id.rawValue),
                repo: text(.repo), environment: text(.environment),
                createdAt: try result.required(try result.timestamp(row, C.createdAt.rawValue), C.createdAt.rawValue),
                resolvedAt: try result.timestamp(row, C.resolvedAt.rawValue),
                deploymentID: try result.int64(row, C.deploymentID.rawValue),
                linkMethod: text(.linkMethod).flatMap(IncidentLinkMethod.init)))
        }
        return incidents
    }
}
