-- The issue columns /api/flow filters on, copied onto issue_flow_figures (docs/flow.md, "The flow
-- tables"). A filtered summary selects its issues there, through these indexes: joining all
-- figures with `issues` to filter them was its slow part. FlowFigures.refresh copies the columns
-- from the issue row whenever it recomputes the figures, which every writer of a Jira issue row
-- triggers; a member removed from the team clears the copy as it clears the issue's.

ALTER TABLE issue_flow_figures
    ADD COLUMN assignee            text,      -- issues.assignee (Jira accountId)
    ADD COLUMN assignee_member_id  text REFERENCES team_members (member_id) ON DELETE SET NULL,
    ADD COLUMN issue_type_id       integer;

UPDATE issue_flow_figures f
SET assignee = i.assignee, assignee_member_id = i.assignee_member_id, issue_type_id = i.issue_type_id
FROM issues i
WHERE i.issue_key = f.issue_key;

-- Done issues and throughput per week come from the done_at index alone.
DROP INDEX issue_flow_figures_done;
CREATE INDEX issue_flow_figures_done ON issue_flow_figures (done_at) INCLUDE (done_week, cycle_seconds, lead_seconds, problems)
    WHERE done_at IS NOT NULL;

-- One member's, one raw assignee's or one type's done issues in done_at order (the member's index
-- whole, as the foreign key's delete looks rows up through it).
CREATE INDEX issue_flow_figures_member_done ON issue_flow_figures (assignee_member_id, done_at);
CREATE INDEX issue_flow_figures_assignee_done ON issue_flow_figures (assignee, done_at) WHERE done_at IS NOT NULL;
CREATE INDEX issue_flow_figures_type_done ON issue_flow_figures (issue_type_id, done_at) WHERE done_at IS NOT NULL;
