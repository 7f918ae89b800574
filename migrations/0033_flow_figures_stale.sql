-- Jira issues whose flow figures are to be recomputed (docs/flow.md, "How they stay right"). Every
-- writer of what the figures come from marks its issues here in its own transaction, so the mark
-- commits with the rows; FlowFigures refreshes the marked issues right after that commit, in a
-- transaction of its own, and clears their marks there. A mark outlives its writer only when
-- that refresh fails: the next Jira harvest refreshes whatever is still marked.
CREATE TABLE flow_figures_stale (
    issue_key  text PRIMARY KEY,
    marked_at  timestamptz NOT NULL DEFAULT now()
);
