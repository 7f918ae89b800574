-- The harvested work items, Jira and GitHub alike, and the staging area of full reloads.

CREATE TABLE issues (
    issue_key           text PRIMARY KEY,      -- PROJ-123 or owner/repo#45
    source              text NOT NULL CHECK (source IN ('jira', 'github')),
    summary             text NOT NULL DEFAULT '',
    status              text,
    status_category     text,                  -- Jira statusCategory key: new / indeterminate / done
    issue_type_id       integer NOT NULL DEFAULT -1,   -- -1 when the upstream type is not in the hierarchy
    issue_type_name     text,                  -- the type name as the upstream called it
    parent_key          text,
    epic_key            text,
    assignee            text,                  -- upstream id: Jira accountId or GitHub login
    assignee_member_id  text REFERENCES team_members (member_id) ON DELETE SET NULL,
    labels              text[] NOT NULL DEFAULT '{}',
    fix_versions        text[] NOT NULL DEFAULT '{}',
    url                 text,
    created_at          timestamptz,
    updated_at          timestamptz NOT NULL,  -- upstream's last change; newer always wins
    resolved_at         timestamptz,
    harvested_at        timestamptz NOT NULL DEFAULT now(),   -- when a harvest last confirmed it
    last_run_id         bigint REFERENCES harvest_runs (id) ON DELETE SET NULL,
    -- Who wrote the row last, and when: a full reload keeps rows a webhook changed after the
    -- reload's snapshot began.
    changed_by          text NOT NULL DEFAULT 'harvest' CHECK (changed_by IN ('harvest', 'webhook')),
    changed_at          timestamptz NOT NULL DEFAULT now(),
    raw                 jsonb NOT NULL DEFAULT '{}'
);
-- One index per API filter (/api/issues/keys, hierarchy).
CREATE INDEX issues_source ON issues (source);
CREATE INDEX issues_assignee ON issues (assignee);
CREATE INDEX issues_assignee_member_id ON issues (assignee_member_id);
CREATE INDEX issues_labels ON issues USING gin (labels);
CREATE INDEX issues_fix_versions ON issues USING gin (fix_versions);
CREATE INDEX issues_issue_type_id ON issues (issue_type_id);
CREATE INDEX issues_parent_key ON issues (parent_key);
CREATE INDEX issues_epic_key ON issues (epic_key);
CREATE INDEX issues_status ON issues (status);
CREATE INDEX issues_updated_at ON issues (updated_at);

-- A full reload writes its snapshot here under its run id; one transaction at the end makes it
-- live. A killed reload leaves only staging rows behind, which the next start discards.
CREATE TABLE issues_staging (
    run_id  bigint NOT NULL REFERENCES harvest_runs (id) ON DELETE CASCADE,
    LIKE issues INCLUDING DEFAULTS,
    PRIMARY KEY (run_id, issue_key)
);
