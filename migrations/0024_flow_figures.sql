-- Flow figures per issue (docs/flow.md, "The flow table"). The gold views of 0020 recompute every
-- history at every request, seconds at 100k issues; these tables hold each Jira issue's figures,
-- written by one store statement (FlowFigureSQL.refresh) in the same transaction as the
-- transitions, history marks or issue rows they come from. No trigger: the writers call it.
-- Deleting an issue deletes its figures (the foreign keys), so a reload's swap needs no call.

CREATE TABLE issue_flow_figures (
    issue_key             text PRIMARY KEY REFERENCES issues (issue_key) ON DELETE CASCADE,
    created_at            timestamptz,            -- the issue's, when the figures were computed
    first_in_progress_at  timestamptz,
    done_at               timestamptz,
    done_week             text,                   -- ISO 8601 week of done_at in UTC ("2026-W10")
    cycle_seconds         double precision,
    lead_seconds          double precision,
    reopen_count          integer NOT NULL DEFAULT 0,
    problems              text[] NOT NULL DEFAULT '{}',   -- docs/flow.md codes; empty: trusted
    refreshed_at          timestamptz NOT NULL DEFAULT now()
);
-- The window (`from`, `to`) on done issues; the figures ride along for index-only scans.
CREATE INDEX issue_flow_figures_done ON issue_flow_figures (done_at)
    INCLUDE (done_week, cycle_seconds, lead_seconds) WHERE done_at IS NOT NULL AND problems = '{}';
CREATE INDEX issue_flow_figures_untrusted ON issue_flow_figures (issue_key) WHERE problems <> '{}';

-- Completed seconds per status and issue (every visit counts), with the issue's done_at and
-- whether its figures are trusted, so time in status over a window reads this table alone.
CREATE TABLE issue_status_seconds (
    issue_key  text NOT NULL REFERENCES issues (issue_key) ON DELETE CASCADE,
    status     text NOT NULL,
    seconds    numeric NOT NULL,                  -- summed exactly, as the view's intervals
    done_at    timestamptz,                       -- the issue's (issue_flow_figures.done_at)
    trusted    boolean NOT NULL,                  -- the issue's figures have no problem
    PRIMARY KEY (issue_key, status)
);
CREATE INDEX issue_status_seconds_done ON issue_status_seconds (done_at) INCLUDE (status, seconds)
    WHERE trusted AND done_at IS NOT NULL;

-- The filters of /api/flow join `issues` at query time.
CREATE INDEX issues_jira_type ON issues (issue_type_id, issue_key) WHERE source = 'jira';
CREATE INDEX issues_jira_in_progress ON issues (issue_key) WHERE source = 'jira' AND status_category = 'indeterminate';

-- Backfill from the gold views (the from-scratch computation).
INSERT INTO issue_flow_figures (issue_key, created_at, first_in_progress_at, done_at, done_week, cycle_seconds,
                                lead_seconds, reopen_count, problems)
SELECT f.issue_key, f.created_at, f.first_in_progress_at, f.done_at,
       to_char(f.done_at AT TIME ZONE 'UTC', 'IYYY"-W"IW'), f.cycle_seconds::float8, f.lead_seconds::float8,
       f.reopen_count, f.problems
FROM issue_flow f;

INSERT INTO issue_status_seconds (issue_key, status, seconds, done_at, trusted)
SELECT s.issue_key, s.status, sum(s.seconds), f.done_at, f.problems = '{}'
FROM issue_status_intervals s
JOIN issue_flow_figures f ON f.issue_key = s.issue_key
GROUP BY s.issue_key, s.status, f.done_at, f.problems;
