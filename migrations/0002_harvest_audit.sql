-- One row per harvester run, with per-item failures, and the reload requests the API queues.

CREATE TABLE harvest_runs (
    id                bigserial PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('scheduled', 'manual', 'automatic')),
    trigger           text,                    -- who or what started it: timer, api key name, cli user
    full_reload       boolean NOT NULL DEFAULT false,
    status            text NOT NULL DEFAULT 'running'
                      CHECK (status IN ('running', 'completed', 'partial', 'failed')),
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    heartbeat_at      timestamptz NOT NULL DEFAULT now(),
    host              text,
    pid               integer,
    fetched           integer NOT NULL DEFAULT 0,
    inserted          integer NOT NULL DEFAULT 0,
    updated           integer NOT NULL DEFAULT 0,
    unchanged         integer NOT NULL DEFAULT 0,
    deleted           integer NOT NULL DEFAULT 0,
    failed            integer NOT NULL DEFAULT 0,
    anomalies_new     integer NOT NULL DEFAULT 0,
    anomalies_resolved integer NOT NULL DEFAULT 0,
    anomalies_open    integer NOT NULL DEFAULT 0,
    -- Per-source cursor ({"jira": "2026-11-22T01:00:00Z", "github": "…"}): where the next
    -- incremental run starts; only completed runs' cursors are used.
    cursors           jsonb NOT NULL DEFAULT '{}',
    error_message     text,
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX harvest_runs_started_at ON harvest_runs (started_at DESC);
CREATE INDEX harvest_runs_status ON harvest_runs (status, started_at DESC);

CREATE TABLE harvest_errors (
    id           bigserial PRIMARY KEY,
    run_id       bigint NOT NULL REFERENCES harvest_runs (id) ON DELETE CASCADE,
    source       text NOT NULL CHECK (source IN ('jira', 'github', 'database', 'internal')),
    item_key     text,                         -- issue key or query the failure concerns
    reason       text NOT NULL,
    http_status  integer,
    attempts     integer NOT NULL DEFAULT 1,
    occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX harvest_errors_run_id ON harvest_errors (run_id);

CREATE TABLE reload_requests (
    id                 bigserial PRIMARY KEY,
    status             text NOT NULL DEFAULT 'queued'
                       CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    requested_at       timestamptz NOT NULL DEFAULT now(),
    requested_by       text,                   -- api key name or cli user
    force              boolean NOT NULL DEFAULT false,
    started_at         timestamptz,
    completed_at       timestamptz,
    run_id             bigint REFERENCES harvest_runs (id) ON DELETE SET NULL,
    records_processed  integer NOT NULL DEFAULT 0,
    issues_deleted     integer NOT NULL DEFAULT 0,
    error_message      text
);
-- At most one reload runs at any time, whatever the API or a race allows into the queue.
CREATE UNIQUE INDEX reload_requests_one_running ON reload_requests ((true)) WHERE status = 'running';
CREATE INDEX reload_requests_queue ON reload_requests (status, requested_at);
CREATE INDEX reload_requests_requested_at ON reload_requests (requested_at DESC);
