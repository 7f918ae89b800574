/// How triage reads and moves the `anomalies` table. An anomaly is `acknowledged` while it is
/// unresolved and neither its `last_seen` nor its `occurrences` moved since the acknowledgement
/// (any sighting after it, by a harvest's pass or a webhook's, brings it back to `open`).
public enum AnomalyTriageSQL {
    /// Triage states, as the dashboard's filter names them.
    public static let states = ["open", "acknowledged", "resolved"]

    /// The kinds the rules produce (docs/anomalies.md), for the dashboard's filter.
    public static let kinds = ["unknown_issue_type", "orphan_parent", "type_hierarchy_violation", "missing_release",
                               "unassigned_member", "stale_in_progress", "duplicate_github_link",
                               "epic_without_children", "story_without_epic"]

    /// The state of the anomaly row `alias` as text.
    static func state(_ alias: String) -> String { """
        CASE WHEN \(alias).resolved_at IS NOT NULL THEN 'resolved'
             WHEN \(alias).acknowledged_at IS NOT NULL AND \(alias).occurrences = \(alias).acknowledged_occurrences
                  AND \(alias).last_seen <= \(alias).acknowledged_at THEN 'acknowledged'
             ELSE 'open' END
        """ }
}
