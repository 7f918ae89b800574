import FoundationEssentials
import JSON
import WorkSupportCore

/// `GET /api/metrics/dora`'s body: each metric with its numerator, denominator, method, and
/// `unavailable` (why `value` is null) — see docs/dora.md.
enum DoraReportDocument {
    static func json(_ report: DoraReport, scope: JSONObject) -> JSONValue {
        let parts = JSONObject(report.leadTimeParts.map { ($0.name, duration($0.duration)) })
        var lead = duration(report.changeLeadTime).objectValue ?? [:]
        lead["parts"] = .object(parts)
        var rework = measure(report.deploymentReworkRate).objectValue ?? [:]
        rework["rule"] = .string(report.reworkRule)
        return .object([
            "from": .string(time(report.from)), "to": .string(time(report.to)), "scope": .object(scope),
            "deployment_frequency": [
                "per_week": measure(report.deploymentsPerWeek),
                "deployment_days_per_week": measure(report.deploymentDaysPerWeek),
            ],
            "change_lead_time": .object(lead),
            "change_fail_rate": measure(report.changeFailRate),
            "failed_deployment_recovery_time": duration(report.failedDeploymentRecoveryTime),
            "deployment_rework_rate": .object(rework),
            "deployments_without_known_changes": .object(JSONObject(
                report.deploymentsWithoutKnownChanges.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
            "unlinked_incident_ids": .array(report.unlinkedIncidentIDs.map { .int($0) }),
        ])
    }

    static func measure(_ measure: DoraMeasure) -> JSONValue {
        .object([
            "value": measure.value.map { .double($0) } ?? .null,
            "numerator": .double(measure.numerator), "denominator": .double(measure.denominator),
            "method": .string(measure.method), "unavailable": measure.unavailable.map { .string($0) } ?? .null,
        ])
    }

    static func duration(_ duration: DoraDuration) -> JSONValue {
        .object([
            "median_seconds": duration.median.map { .double($0) } ?? .null,
            "p85_seconds": duration.p85.map { .double($0) } ?? .null,
            "numerator": .int(Int64(duration.count)), "denominator": .int(Int64(duration.eligible)),
            "method": .string(duration.method), "unavailable": duration.unavailable.map { .string($0) } ?? .null,
        ])
    }

    static func time(_ date: Date) -> String { RFC3339Text.utc(date) }
}
