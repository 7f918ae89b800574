-- Data-quality findings, raw webhook deliveries, and API keys.

CREATE TABLE anomalies (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL,               -- unknown_issue_type, orphan_parent, …
    issue_key     text NOT NULL,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    last_seen     timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz,                 -- NULL while open; a reappearance reopens it
    occurrences   integer NOT NULL DEFAULT 1,
    first_run_id  bigint REFERENCES harvest_runs (id) ON DELETE SET NULL,
    last_run_id   bigint REFERENCES harvest_runs (id) ON DELETE SET NULL,
    details       jsonb NOT NULL DEFAULT '{}',
    UNIQUE (kind, issue_key)
);
CREATE INDEX anomalies_issue_key ON anomalies (issue_key);
CREATE INDEX anomalies_open ON anomalies (kind) WHERE resolved_at IS NULL;
CREATE INDEX anomalies_resolved_at ON anomalies (resolved_at);

CREATE TABLE webhook_deliveries (
    id               bigserial PRIMARY KEY,
    source           text NOT NULL CHECK (source IN ('github', 'jira')),
    delivery_id      text NOT NULL,            -- X-GitHub-Delivery, X-Atlassian-Webhook-Identifier or body hash
    event            text NOT NULL,
    action           text,
    received_at      timestamptz NOT NULL DEFAULT now(),
    status           text NOT NULL CHECK (status IN ('applied', 'ignored', 'duplicate', 'failed', 'stored')),
    error            text,
    issue_key        text,
    item_updated_at  timestamptz,
    headers          jsonb NOT NULL DEFAULT '{}',
    body             jsonb NOT NULL,
    UNIQUE (source, delivery_id)
);
CREATE INDEX webhook_deliveries_received_at ON webhook_deliveries (received_at);
CREATE INDEX webhook_deliveries_issue_key ON webhook_deliveries (issue_key);

CREATE TABLE api_keys (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL,
    key_prefix    text NOT NULL,               -- first characters of the key, to tell keys apart
    key_hash      text NOT NULL UNIQUE,        -- SHA-256 (hex) of the whole key; the key itself is never stored
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
-- A name identifies one active key; a revoked key's name may be reused.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
