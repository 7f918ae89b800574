-- The dashboard (/ui/): browser sessions opened with an API key, and the triage of anomalies.

-- One row per signed-in browser. The cookie carries a random token; only its SHA-256 (hex) is
-- stored, so a copy of this table opens no session. A session lasts while its key is active
-- and until `expires_at`; logging out deletes the row.
CREATE TABLE ui_sessions (
    id            bigserial PRIMARY KEY,
    token_hash    text NOT NULL UNIQUE,
    api_key_id    bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),   -- moved by the session's POSTs only
    expires_at    timestamptz NOT NULL
);
CREATE INDEX ui_sessions_expires_at ON ui_sessions (expires_at);

-- Acknowledged by a person (the API key name behind the session) with a note. An anomaly stays
-- acknowledged while neither its last_seen nor its occurrences moved since (docs/anomalies.md).
ALTER TABLE anomalies
    ADD COLUMN acknowledged_at           timestamptz,
    ADD COLUMN acknowledged_by           text,
    ADD COLUMN note                      text,
    ADD COLUMN acknowledged_occurrences  integer;

-- The overview's issue counts by source and status category, read from this index alone: the
-- table's rows are wide (raw documents), and a scan of 100k of them took several times longer.
CREATE INDEX issues_source_category ON issues (source, status_category);
