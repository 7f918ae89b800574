-- Releases (Jira project versions) and which issues belong to each, plus the indexes the
-- anomaly pass and the anomaly filters use.

CREATE TABLE releases (
    project_key   text NOT NULL,
    name          text NOT NULL,
    version_id    text,
    released      boolean NOT NULL DEFAULT false,
    release_date  date,
    synced_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_key, name)
);
CREATE INDEX releases_name ON releases (name);

-- Rebuilt by every anomaly pass: an issue's own fixVersions, else its release labels, else
-- (inherited) its nearest ancestor's releases. `via` says which.
CREATE TABLE issue_releases (
    release_name  text NOT NULL,
    issue_key     text NOT NULL,
    via           text NOT NULL CHECK (via IN ('fix_version', 'label', 'parent')),
    PRIMARY KEY (release_name, issue_key)
);

-- /api/anomalies?kind=…&status=resolved and the summary's counts by kind and state.
CREATE INDEX anomalies_kind_resolved_at ON anomalies (kind, resolved_at);
