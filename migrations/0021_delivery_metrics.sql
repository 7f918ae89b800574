-- Delivery metrics (DESIGN.md, "Delivery metrics: DORA's five"): silver tables for deployments,
-- merged changes and incidents. The metrics are computed from these alone, at request time.

-- The generic ingest stores deliveries under the source named in its path (`/api/ingest/{source}`).
ALTER TABLE webhook_deliveries DROP CONSTRAINT IF EXISTS webhook_deliveries_source_check;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_source_check
    CHECK (source ~ '^[a-z0-9][a-z0-9_.-]{0,62}$');

CREATE TABLE deployments (
    id             bigserial PRIMARY KEY,
    source         text NOT NULL,              -- github, or the ingest path's source
    external_id    text NOT NULL,              -- GitHub's deployment id, or the ingest body's id
    repo           text NOT NULL,              -- owner/name
    environment    text NOT NULL,
    is_production  boolean NOT NULL,           -- environment in dora.production_environments
    sha            text,
    ref            text,
    -- latest status other than inactive (GitHub's states); pending until a status arrives
    status         text NOT NULL CHECK (status IN ('queued', 'pending', 'in_progress', 'success', 'failure', 'error', 'inactive')),
    created_at     timestamptz NOT NULL,
    finished_at    timestamptz,                -- the first success status's created_at
    -- what is known of the changes it shipped: pending (no compare yet), known, base_unknown
    -- (first deployment of its repo and environment), unknown (the compare was refused)
    changes_state  text NOT NULL DEFAULT 'pending' CHECK (changes_state IN ('pending', 'known', 'base_unknown', 'unknown')),
    changes_note   text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    raw            jsonb NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX deployments_scope_time ON deployments (repo, environment, (coalesce(finished_at, created_at)));
CREATE INDEX deployments_production_time ON deployments ((coalesce(finished_at, created_at))) WHERE is_production;
CREATE INDEX deployments_sha ON deployments (sha);

-- Statuses are kept by the deployment's (source, external id), not a foreign key: a status that
-- arrives before its deployment waits here and is folded in when the deployment comes.
CREATE TABLE deployment_statuses (
    source                  text NOT NULL,
    deployment_external_id  text NOT NULL,
    status_id               text NOT NULL,
    state                   text NOT NULL,
    created_at              timestamptz NOT NULL,
    raw                     jsonb NOT NULL,
    PRIMARY KEY (source, deployment_external_id, status_id)
);

-- The commits of a deployment's range (compare from the previous successful deployment of its
-- repo and environment): what maps a change's merge commit to the deployment that shipped it.
CREATE TABLE deployment_commits (
    deployment_id  bigint NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    sha            text NOT NULL,
    PRIMARY KEY (deployment_id, sha)
);
CREATE INDEX deployment_commits_sha ON deployment_commits (sha);

CREATE TABLE changes (
    change_key       text PRIMARY KEY,         -- owner/repo#N, as in issues
    repo             text NOT NULL,
    number           integer NOT NULL,
    author           text,
    title            text,
    head_ref         text,
    labels           text[] NOT NULL DEFAULT '{}',
    first_commit_at  timestamptz,
    opened_at        timestamptz,
    first_review_at  timestamptz,
    merged_at        timestamptz NOT NULL,
    merge_sha        text,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    raw              jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX changes_merge_sha ON changes (merge_sha);
CREATE INDEX changes_repo_merged ON changes (repo, merged_at);

-- A change ships with one deployment: the first successful production one holding its merge commit.
CREATE TABLE deployment_changes (
    deployment_id  bigint NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    change_key     text NOT NULL REFERENCES changes (change_key) ON DELETE CASCADE,
    PRIMARY KEY (deployment_id, change_key),
    UNIQUE (change_key)
);

CREATE TABLE incidents (
    id             bigserial PRIMARY KEY,
    source         text NOT NULL,
    external_id    text NOT NULL,
    title          text,
    repo           text,
    environment    text,
    created_at     timestamptz NOT NULL,
    resolved_at    timestamptz,
    deployment_id  bigint REFERENCES deployments (id) ON DELETE SET NULL,
    link_method    text CHECK (link_method IN ('explicit', 'window')),
    -- explicit references as given (a deployment's external id, a sha, a change key)
    ref_deployment text,
    ref_sha        text,
    ref_change     text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    raw            jsonb NOT NULL,
    UNIQUE (source, external_id),
    CHECK ((deployment_id IS NULL) = (link_method IS NULL)),
    CHECK (resolved_at IS NULL OR resolved_at >= created_at)
);
CREATE INDEX incidents_repo_created ON incidents (repo, created_at);
CREATE INDEX incidents_deployment ON incidents (deployment_id);
