-- Flow figures per issue (docs/flow.md, "The flow table"). The gold views of 0020 recompute every
-- history at every request, seconds at 100k issues; these tables hold each Jira issue's figures,
-- written by one store function (FlowFigures.refresh) in the same transaction as the transitions,
-- history marks or issue rows they come from, deletes included (an issue gone loses its figures
-- and its share of the day sums). No trigger and no cascade: the writers call it.

CREATE TABLE issue_flow_figures (
    issue_key             text PRIMARY KEY,
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
-- The percentiles read the trusted done issues' figures in order, with done_at for the window.
CREATE INDEX issue_flow_figures_cycle ON issue_flow_figures (cycle_seconds) INCLUDE (done_at)
    WHERE problems = '{}' AND done_at IS NOT NULL AND cycle_seconds IS NOT NULL;
CREATE INDEX issue_flow_figures_lead ON issue_flow_figures (lead_seconds) INCLUDE (done_at)
    WHERE problems = '{}' AND done_at IS NOT NULL AND lead_seconds IS NOT NULL;
CREATE INDEX issue_flow_figures_done ON issue_flow_figures (done_at) WHERE done_at IS NOT NULL;
CREATE INDEX issue_flow_figures_untrusted ON issue_flow_figures (issue_key) WHERE problems <> '{}';

-- Completed seconds per status and issue (every visit counts), with the issue's done_at and
-- whether its figures are trusted, so time in status over a window reads this table alone.
CREATE TABLE issue_status_seconds (
    issue_key  text NOT NULL,
    status     text NOT NULL,
    seconds    numeric NOT NULL,                  -- summed exactly, as the view's intervals
    done_at    timestamptz,                       -- the issue's (issue_flow_figures.done_at)
    trusted    boolean NOT NULL,                  -- the issue's figures have no problem
    PRIMARY KEY (issue_key, status)
);
CREATE INDEX issue_status_seconds_done ON issue_status_seconds (done_at) INCLUDE (status, seconds)
    WHERE trusted AND done_at IS NOT NULL;

-- Sums per UTC day of done_at, so a summary without issue filters adds up days instead of issues:
-- done issues (throughput), and the trusted ones' seconds per status. The refresh subtracts an
-- issue's old contribution and adds its new one; days that drop to 0 keep a row with 0.
CREATE TABLE flow_done_days (
    day   date PRIMARY KEY,
    done  bigint NOT NULL
);
CREATE TABLE flow_status_days (
    day      date NOT NULL,
    status   text NOT NULL,
    seconds  numeric NOT NULL,
    issues   bigint NOT NULL,
    PRIMARY KEY (day, status)
);

-- The filters of /api/flow join `issues` at query time through its existing indexes
-- (assignee, assignee_member_id, issue_type_id, (source, status_category) for WIP).

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

INSERT INTO flow_done_days (day, done)
SELECT (done_at AT TIME ZONE 'UTC')::date, count(*) FROM issue_flow_figures WHERE done_at IS NOT NULL GROUP BY 1;

INSERT INTO flow_status_days (day, status, seconds, issues)
SELECT (done_at AT TIME ZONE 'UTC')::date, status, sum(seconds), count(*)
FROM issue_status_seconds WHERE trusted AND done_at IS NOT NULL GROUP BY 1, 2;
