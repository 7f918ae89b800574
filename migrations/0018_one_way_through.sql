-- One way through (DESIGN.md, "Worker pool"): the API reads the tables with plain statements,
-- so nothing derived is kept for it. Drops the shared rendered documents (0015), the
-- trigger-maintained issue documents (0016) and the key-change notifications (0017): nothing
-- here is UNLOGGED, notified or locked at commit any more, so a hot standby serves every read.
-- IF EXISTS throughout: a database that never had them (or lost some by hand) ends the same.

DROP TRIGGER IF EXISTS issues_documents_insert ON issues;
DROP TRIGGER IF EXISTS issues_documents_update ON issues;
DROP TRIGGER IF EXISTS issues_documents_delete ON issues;
DROP TRIGGER IF EXISTS issues_documents_truncate ON issues;
DROP TRIGGER IF EXISTS anomalies_documents_insert ON anomalies;
DROP TRIGGER IF EXISTS anomalies_documents_update ON anomalies;
DROP TRIGGER IF EXISTS anomalies_documents_delete ON anomalies;
DROP TRIGGER IF EXISTS anomalies_documents_truncate ON anomalies;
DROP TRIGGER IF EXISTS team_members_documents_update ON team_members;
DROP TRIGGER IF EXISTS team_members_documents_delete ON team_members;
DROP TRIGGER IF EXISTS issue_types_documents_insert ON issue_types;
DROP TRIGGER IF EXISTS issue_types_documents_update ON issue_types;
DROP TRIGGER IF EXISTS issue_types_documents_delete ON issue_types;
DROP TRIGGER IF EXISTS issue_types_documents_truncate ON issue_types;
DROP TABLE IF EXISTS issue_document_changes;  -- with its constraint trigger
DROP TABLE IF EXISTS issue_documents;
DROP FUNCTION IF EXISTS issue_documents_refresh();
DROP FUNCTION IF EXISTS issue_documents_note_issues();
DROP FUNCTION IF EXISTS issue_documents_note_anomalies();
DROP FUNCTION IF EXISTS issue_documents_note_members();
DROP FUNCTION IF EXISTS issue_documents_note_types();
DROP FUNCTION IF EXISTS issue_documents_note_truncate();
DROP FUNCTION IF EXISTS issue_documents_built(text[]);

DROP TRIGGER IF EXISTS issues_data_changed ON issues;
DROP TRIGGER IF EXISTS issue_types_data_changed ON issue_types;
DROP TRIGGER IF EXISTS team_members_data_changed ON team_members;
DROP TRIGGER IF EXISTS harvest_runs_data_changed ON harvest_runs;
DROP FUNCTION IF EXISTS notify_data_changed();
DROP TABLE IF EXISTS api_document_cache;

DROP TRIGGER IF EXISTS api_keys_changed ON api_keys;
DROP FUNCTION IF EXISTS notify_api_keys_changed();

-- Kept from 0016: the index of open anomalies by issue, which the issue statement reads.
CREATE INDEX IF NOT EXISTS anomalies_open_issue_key ON anomalies (issue_key) WHERE resolved_at IS NULL;
