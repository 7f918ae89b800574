import FoundationEssentials
import JSON

extension IngestEvent {
    /// The event, or every field that is missing or invalid (times out of order included).
    public static func parse(_ body: JSONValue) -> Result<IngestEvent, IngestBodyError> {
        var reader = IngestFieldReader(body: body)
        let kind = reader.string("kind", required: true)
        switch kind {
        case "deployment":
            let id = reader.identifier("id")
            let repo = reader.string("repo", required: true)
            let environment = reader.string("environment", required: true)
            let sha = reader.string("sha", required: false)
            let ref = reader.string("ref", required: false)
            let status = reader.string("status", required: true)
            var state: DeploymentState?
            if let status {
                state = DeploymentState(rawValue: status.lowercased())
                if state == nil {
                    reader.fail("status", "must be one of \(DeploymentState.allCases.map(\.rawValue).joined(separator: ", ")), got '\(status.prefix(40))'")
                }
            }
            let started = reader.time("started_at", required: true)
            let finished = reader.time("finished_at", required: false)
            reader.ordered(started, "started_at", finished, "finished_at")
            guard reader.errors.isEmpty, let id, let repo, let environment, let state, let started else {
                return .failure(IngestBodyError(fields: reader.errors))
            }
            return .success(.deployment(IngestedDeployment(id: id, repo: repo, environment: environment, sha: sha, ref: ref,
                                                           state: state, startedAt: started, finishedAt: finished)))
        case "incident":
            let id = reader.identifier("id")
            let title = reader.string("title", required: false)
            let repo = reader.string("repo", required: false)
            let environment = reader.string("environment", required: false)
            let created = reader.time("created_at", required: true)
            let resolved = reader.time("resolved_at", required: false)
            reader.ordered(created, "created_at", resolved, "resolved_at")
            let deploymentID = reader.identifier("deployment_id", required: false)
            let sha = reader.string("sha", required: false)
            let pullRequest = reader.string("pull_request", required: false)
            guard reader.errors.isEmpty, let id, let created else {
                return .failure(IngestBodyError(fields: reader.errors))
            }
            return .success(.incident(IngestedIncident(id: id, title: title, repo: repo, environment: environment,
                                                       createdAt: created, resolvedAt: resolved, deploymentID: deploymentID,
                                                       sha: sha, pullRequest: pullRequest)))
        default:
            if let kind { reader.fail("kind", "must be 'deployment' or 'incident', got '\(kind.prefix(40))'") }
            _ = reader.identifier("id")
            return .failure(IngestBodyError(fields: reader.errors))
        }
    }
}

/// Why an ingest body was refused: the invalid fields, in the order they were checked.
public struct IngestBodyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var fields: [IngestFieldError]

    public var description: String { fields.map(\.description).joined(separator: "; ") }
}

/// Reads members of an ingest body, collecting a problem per field instead of stopping.
struct IngestFieldReader {
    let body: JSONValue
    private(set) var errors: [IngestFieldError] = []

    init(body: JSONValue) {
        self.body = body
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(IngestFieldError(field: field, message: message))
    }

    /// A non-empty string of at most 500 characters; null counts as absent.
    mutating func string(_ field: String, required: Bool) -> String? {
        guard let value = body[field], !value.isNull else {
            if required { fail(field, "is required") }
            return nil
        }
        guard let text = value.stringValue else {
            fail(field, "must be a string")
            return nil
        }
        guard !text.isEmpty else {
            fail(field, "must not be empty")
            return nil
        }
        guard text.unicodeScalars.count <= 500 else {
            fail(field, "must be at most 500 characters")
            return nil
        }
        return text
    }

    /// A string or an integer (CI systems number their runs), kept as text.
    mutating func identifier(_ field: String, required: Bool = true) -> String? {
        if let number = body[field]?.intValue { return String(number) }
        return string(field, required: required)
    }

    /// An RFC 3339 time with its offset.
    mutating func time(_ field: String, required: Bool) -> Date? {
        guard let text = string(field, required: required) else { return nil }
        guard let date = UpstreamTimestamp.parse(text) else {
            fail(field, "must be an RFC 3339 time such as 2026-01-31T12:00:00Z, got '\(text.prefix(40))'")
            return nil
        }
        return date
    }

    mutating func ordered(_ start: Date?, _ startField: String, _ end: Date?, _ endField: String) {
        guard let start, let end, end < start else { return }
        fail(endField, "must not be before \(startField)")
    }
}
