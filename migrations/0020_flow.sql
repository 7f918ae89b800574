-- Flow (DESIGN.md, "Flow"): the status and assignee history of Jira issues (silver), the site's
-- statuses with their categories, which histories are complete, and the gold views computed from
-- them alone (definitions: docs/flow.md).

CREATE TABLE jira_statuses (
    id          text PRIMARY KEY,              -- Jira status id ("10001")
    name        text NOT NULL,
    category    text NOT NULL CHECK (category IN ('new', 'indeterminate', 'done', 'unknown')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per changed field of a changelog entry. Status rows carry the categories the statuses had
-- when the row was recorded; a status id /rest/api/3/status does not list is 'unknown'.
CREATE TABLE issue_transitions (
    issue_key      text NOT NULL,              -- the key the issue has now (a moved issue's whole history)
    changelog_id   text NOT NULL,              -- Jira's changelog entry id
    field          text NOT NULL CHECK (field IN ('status', 'assignee')),
    changed_at     timestamptz NOT NULL,
    author         text,                       -- accountId of who made the change
    from_value     text,                       -- status name / assignee display name
    to_value       text,
    from_id        text,                       -- status id / assignee accountId
    to_id          text,
    from_category  text CHECK (from_category IN ('new', 'indeterminate', 'done', 'unknown')),
    to_category    text CHECK (to_category IN ('new', 'indeterminate', 'done', 'unknown')),
    -- Jira numbers changelog entries in the order it wrote them: the history's order (timestamps
    -- may disagree after imports, which the flow reports as contradictory).
    history_order  bigint NOT NULL,
    origin         text NOT NULL DEFAULT 'harvest' CHECK (origin IN ('harvest', 'webhook')),
    run_id         bigint,                     -- the harvest run that recorded it (NULL: webhook)
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    raw            jsonb NOT NULL DEFAULT '{}', -- the changelog item as it came
    PRIMARY KEY (issue_key, changelog_id, field)
);
CREATE INDEX issue_transitions_status_history ON issue_transitions (issue_key, history_order)
    INCLUDE (changed_at, from_id, to_id, from_category, to_category) WHERE field = 'status';

-- Whether an issue's history was fetched to its end. A failed page leaves it incomplete (and a
-- harvest_errors row); the next run fetches it again.
CREATE TABLE issue_histories (
    issue_key   text PRIMARY KEY,
    issue_id    text,                          -- Jira's numeric issue id
    complete    boolean NOT NULL,
    reason      text,                          -- why it is incomplete
    entries     integer NOT NULL DEFAULT 0,    -- changelog entries fetched (status and assignee)
    run_id      bigint,
    fetched_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE harvest_runs ADD COLUMN transitions_fetched integer NOT NULL DEFAULT 0;
ALTER TABLE harvest_runs ADD COLUMN transitions_inserted integer NOT NULL DEFAULT 0;

-- Gold. The status rows of each issue in history order, with the step before each.
CREATE VIEW issue_status_steps AS
SELECT t.issue_key, t.changelog_id, t.history_order, t.changed_at,
       t.from_id, t.from_value, t.to_id, t.to_value, t.from_category, t.to_category,
       lag(t.to_id) OVER w         AS previous_to_id,
       lag(t.to_value) OVER w      AS previous_to_value,
       lag(t.changed_at) OVER w    AS previous_changed_at,
       row_number() OVER w         AS step
FROM issue_transitions t
WHERE t.field = 'status'
WINDOW w AS (PARTITION BY t.issue_key ORDER BY t.history_order);

-- Completed intervals per status (every visit counts): creation → first step in the first step's
-- `from` status, then step → step in the status entered. The current status is still open.
CREATE VIEW issue_status_intervals AS
SELECT s.issue_key,
       CASE WHEN s.step = 1 THEN coalesce(s.from_value, s.from_id) ELSE coalesce(s.previous_to_value, s.previous_to_id) END
           AS status,
       round(extract(epoch FROM s.changed_at - CASE WHEN s.step = 1 THEN i.created_at ELSE s.previous_changed_at END), 3)
           AS seconds
FROM issue_status_steps s
JOIN issues i ON i.issue_key = s.issue_key
WHERE CASE WHEN s.step = 1 THEN i.created_at IS NOT NULL AND coalesce(s.from_value, s.from_id) IS NOT NULL
           ELSE coalesce(s.previous_to_value, s.previous_to_id) IS NOT NULL END;

-- Per Jira issue: first_in_progress_at, done_at (start of the final stretch in done statuses, only
-- when the issue is done now), cycle_seconds, lead_seconds, reopen_count, and `problems`: why the
-- figures cannot be trusted (codes of docs/flow.md), empty when they can.
CREATE VIEW issue_flow AS
WITH per_issue AS (
    SELECT s.issue_key,
           (array_agg(s.changed_at ORDER BY s.history_order) FILTER (WHERE s.to_category = 'indeterminate'))[1]
               AS first_in_progress_at,
           (array_agg(s.to_category ORDER BY s.history_order DESC))[1] AS history_category,
           max(s.history_order) FILTER (WHERE s.to_category IS DISTINCT FROM 'done') AS last_not_done,
           count(*) FILTER (WHERE s.from_category = 'done' AND s.to_category IS DISTINCT FROM 'done') AS reopen_count,
           bool_or(s.from_category = 'unknown' OR s.to_category = 'unknown') AS unknown_status,
           bool_or(s.step > 1 AND CASE WHEN s.from_id IS NOT NULL AND s.previous_to_id IS NOT NULL
                                       THEN s.from_id <> s.previous_to_id
                                       ELSE s.from_value IS DISTINCT FROM s.previous_to_value END) AS unknown_from_status
    FROM issue_status_steps s
    GROUP BY s.issue_key
), done AS (
    SELECT p.*,
           CASE WHEN p.history_category = 'done' THEN
               (SELECT s.changed_at FROM issue_status_steps s
                WHERE s.issue_key = p.issue_key AND s.history_order > coalesce(p.last_not_done, -1)
                ORDER BY s.history_order LIMIT 1)
           END AS done_at
    FROM per_issue p
)
SELECT i.issue_key, i.created_at, i.status_category AS current_category,
       d.first_in_progress_at, d.done_at,
       round(extract(epoch FROM d.done_at - d.first_in_progress_at), 3) AS cycle_seconds,
       round(extract(epoch FROM d.done_at - i.created_at), 3) AS lead_seconds,
       coalesce(d.reopen_count, 0)::integer AS reopen_count,
       array_remove(ARRAY[
           CASE WHEN d.done_at < i.created_at THEN 'done_before_created' END,
           CASE WHEN d.done_at < d.first_in_progress_at THEN 'done_before_started' END,
           CASE WHEN h.issue_key IS NULL THEN 'history_missing' END,
           CASE WHEN NOT h.complete THEN 'history_incomplete' END,
           CASE WHEN d.unknown_from_status THEN 'unknown_from_status' END,
           CASE WHEN d.unknown_status THEN 'unknown_status' END
       ], NULL) AS problems
FROM issues i
LEFT JOIN done d ON d.issue_key = i.issue_key
LEFT JOIN issue_histories h ON h.issue_key = i.issue_key
WHERE i.source = 'jira';
