/// How triage reads the `anomalies` table. An anomaly is `acknowledged` while it is unresolved
/// and its acknowledgement stands: the anomaly pass ends it when the details change or the
/// anomaly comes back after resolving (`acknowledgementEnds`), not when it is merely found again.
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
             WHEN \(alias).acknowledged_at IS NOT NULL THEN 'acknowledged'
             ELSE 'open' END
        """ }

    /// The `SET` items of the pass's upsert (`a` the stored row, `EXCLUDED` the finding) that
    /// end an acknowledgement when the finding differs from what the person acknowledged, or
    /// when the anomaly had resolved and is found again.
    static let acknowledgementEnds = """
        acknowledged_at = CASE WHEN \(ending) THEN NULL ELSE a.acknowledged_at END,
        acknowledgement_ended_at = CASE WHEN \(ending) THEN now() ELSE a.acknowledgement_ended_at END,
        acknowledgement_end = CASE WHEN \(ending) THEN
                                       CASE WHEN a.resolved_at IS NOT NULL THEN 'returned' ELSE 'changed' END
                                   ELSE a.acknowledgement_end END
        """

    private static let ending = """
        (a.acknowledged_at IS NOT NULL AND (a.resolved_at IS NOT NULL OR a.acknowledged_details IS DISTINCT FROM EXCLUDED.details))
        """
}
