import Foundation
import Postgres
import TestKit

/// Twenty issues across Jira and GitHub in a three-level hierarchy (plus one GitHub issue under
/// a story), three team members, harvest runs with errors, reload requests and anomalies.
enum SeedData {
    struct Issue {
        let key: String
        let source: String
        let type: Int
        let parent: String?
        let assignee: String?
        let member: String?
        let status: String
        let labels: [String]
        let updated: String
    }

    static let issues: [Issue] = [
        Issue(key: "PV-1", source: "jira", type: 10004, parent: nil, assignee: "acc-jdoe", member: "jdoe",
              status: "In Progress", labels: ["work-support", "release-1"], updated: "2026-01-10T10:00:00Z"),
        Issue(key: "PV-2", source: "jira", type: 10004, parent: nil, assignee: nil, member: nil,
              status: "Open", labels: ["work-support"], updated: "2026-01-02T10:00:00Z"),
        Issue(key: "FEAT-1", source: "jira", type: 10000, parent: "PV-1", assignee: "acc-asmith", member: "asmith",
              status: "In Progress", labels: ["work-support"], updated: "2026-01-11T10:00:00Z"),
        Issue(key: "FEAT-2", source: "jira", type: 10000, parent: "PV-1", assignee: "acc-jdoe", member: "jdoe",
              status: "Done", labels: ["work-support"], updated: "2026-01-03T10:00:00Z"),
        Issue(key: "FEAT-3", source: "jira", type: 10000, parent: "PV-2", assignee: nil, member: nil,
              status: "Open", labels: ["work-support"], updated: "2026-01-04T10:00:00Z"),
        Issue(key: "CA-1", source: "jira", type: 11140, parent: "PV-1", assignee: "acc-asmith", member: "asmith",
              status: "Open", labels: ["work-support"], updated: "2026-01-05T10:00:00Z"),
        Issue(key: "STORY-1", source: "jira", type: 10101, parent: "FEAT-1", assignee: "acc-jdoe", member: "jdoe",
              status: "In Progress", labels: ["work-support", "backend"], updated: "2026-01-12T10:00:00Z"),
        Issue(key: "STORY-2", source: "jira", type: 10101, parent: "FEAT-1", assignee: "acc-asmith", member: "asmith",
              status: "Done", labels: ["work-support", "backend"], updated: "2026-01-06T10:00:00Z"),
        Issue(key: "STORY-3", source: "jira", type: 10101, parent: "FEAT-2", assignee: nil, member: nil,
              status: "Open", labels: ["work-support", "frontend"], updated: "2026-01-07T10:00:00Z"),
        Issue(key: "STORY-4", source: "jira", type: 10101, parent: "CA-1", assignee: "acc-jdoe", member: "jdoe",
              status: "Open", labels: ["work-support"], updated: "2026-01-08T10:00:00Z"),
        Issue(key: "TASK-1", source: "jira", type: 10104, parent: "FEAT-2", assignee: "acc-jdoe", member: "jdoe",
              status: "Done", labels: ["work-support"], updated: "2026-01-09T10:00:00Z"),
        Issue(key: "TASK-2", source: "jira", type: 10104, parent: "FEAT-3", assignee: "acc-stranger", member: nil,
              status: "Open", labels: ["work-support"], updated: "2026-01-01T10:00:00Z"),
        Issue(key: "UNK-1", source: "jira", type: -1, parent: nil, assignee: "acc-stranger", member: nil,
              status: "Open", labels: ["work-support"], updated: "2026-01-01T11:00:00Z"),
        Issue(key: "ORPH-1", source: "jira", type: 10101, parent: "GONE-9", assignee: nil, member: nil,
              status: "Open", labels: ["work-support"], updated: "2026-01-01T12:00:00Z"),
        Issue(key: "acme/api#1", source: "github", type: 10101, parent: "STORY-1", assignee: "john-doe", member: "jdoe",
              status: "open", labels: ["work-support", "backend"], updated: "2026-01-13T10:00:00Z"),
        Issue(key: "acme/api#2", source: "github", type: 10101, parent: nil, assignee: "john-doe", member: "jdoe",
              status: "closed", labels: ["work-support"], updated: "2026-01-14T10:00:00Z"),
        Issue(key: "acme/api#3", source: "github", type: 10101, parent: nil, assignee: "bo-wu", member: "bwu",
              status: "open", labels: ["work-support", "frontend"], updated: "2026-01-15T10:00:00Z"),
        Issue(key: "acme/api#4", source: "github", type: 10101, parent: nil, assignee: nil, member: nil,
              status: "open", labels: ["work-support"], updated: "2026-01-16T10:00:00Z"),
        Issue(key: "acme/web#7", source: "github", type: 10101, parent: nil, assignee: "bo-wu", member: "bwu",
              status: "closed", labels: ["work-support"], updated: "2026-01-17T10:00:00Z"),
        Issue(key: "acme/web#8", source: "github", type: 10104, parent: nil, assignee: nil, member: nil,
              status: "open", labels: ["work-support", "docs"], updated: "2026-01-18T10:00:00Z"),
    ]

    static func insert(into connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO team_members (member_id, name, jira_id, github_id) VALUES
                ('jdoe', 'John Doe', 'acc-jdoe', 'John-Doe'),
                ('asmith', 'Anna Smith', 'acc-asmith', NULL),
                ('bwu', 'Bo Wu', NULL, 'bo-wu');
            INSERT INTO harvest_runs (id, kind, trigger, status, started_at, finished_at, fetched, inserted) VALUES
                (1, 'scheduled', 'timer', 'completed', '2026-01-18T20:00:00Z', '2026-01-18T20:05:00Z', 20, 20),
                (2, 'manual', 'cli', 'partial', '2026-01-19T08:00:00Z', '2026-01-19T08:04:00Z', 20, 0),
                (3, 'scheduled', 'timer', 'failed', '2026-01-19T10:00:00Z', '2026-01-19T10:01:00Z', 0, 0),
                (4, 'automatic', 'startup', 'running', '2026-01-19T12:00:00Z', NULL, 0, 0);
            SELECT setval('harvest_runs_id_seq', 4);
            INSERT INTO harvest_errors (run_id, source, item_key, reason, http_status) VALUES
                (2, 'jira', 'FEAT-9', 'HTTP 404 from /rest/api/3/issue/FEAT-9', 404),
                (2, 'github', 'acme/api#99', 'rate limited, retries exhausted', 429),
                (3, 'jira', NULL, 'connection refused', NULL);
            INSERT INTO reload_requests (status, requested_at, requested_by, started_at, completed_at, run_id,
                                         records_processed, issues_deleted, error_message) VALUES
                ('completed', '2026-01-18T19:59:00Z', 'ops', '2026-01-18T20:00:00Z', '2026-01-18T20:05:00Z', 1, 20, 2, NULL),
                ('failed', '2026-01-19T09:59:00Z', 'ops', '2026-01-19T10:00:00Z', '2026-01-19T10:01:00Z', 3, 0, 0,
                 'jira unreachable');
            INSERT INTO anomalies (kind, issue_key, first_seen, last_seen, resolved_at, details) VALUES
                ('unknown_issue_type', 'UNK-1', '2026-01-18T20:05:00Z', '2026-01-19T08:04:00Z', NULL, '{"type": "Epic"}'),
                ('unassigned_member', 'UNK-1', '2026-01-18T20:05:00Z', '2026-01-19T08:03:00Z', NULL, '{}'),
                ('orphan_parent', 'ORPH-1', '2026-01-18T20:05:00Z', '2026-01-19T08:02:00Z', NULL, '{"parent": "GONE-9"}'),
                ('missing_release', 'FEAT-3', '2026-01-10T20:05:00Z', '2026-01-12T08:00:00Z', '2026-01-13T08:00:00Z', '{}');
            """)
        for issue in issues {
            try connection.query("""
                INSERT INTO issues (issue_key, source, summary, status, issue_type_id, parent_key, assignee,
                                    assignee_member_id, labels, updated_at, created_at, harvested_at, url)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '2025-12-01T00:00:00Z', '2026-01-19T08:04:00Z', $11)
                """, [issue.key, issue.source, "Summary of \(issue.key)", issue.status, issue.type, issue.parent,
                      issue.assignee, issue.member, issue.labels, issue.updated, "https://example.test/\(issue.key)"])
        }
        // The flow tables as the store keeps them: no history fetched yet.
        try FlowTables.refreshEveryIssue(on: connection)
    }

    static var allKeys: [String] { issues.map(\.key).sorted() }
}
