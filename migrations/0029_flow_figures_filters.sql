-- The flow tables without day sums, with the issue columns /api/flow filters on (docs/flow.md,
-- "The flow table"). A summary reads issue_flow_figures alone: joining all figures with `issues`
-- to filter them was the slow part of a filtered summary. FlowFigures.refresh copies the columns
-- from the issue row whenever it recomputes the figures, which every writer of a Jira issue row
-- triggers; a member removed from the team clears the copy as it clears the issue's.

DROP TABLE flow_done_days;
DROP TABLE flow_status_days;

ALTER TABLE issue_flow_figures
    ADD COLUMN assignee            text,      -- issues.assignee (Jira accountId)
    ADD COLUMN assignee_member_id  text REFERENCES team_members (member_id) ON DELETE SET NULL,
    ADD COLUMN issue_type_id       integer;

UPDATE issue_flow_figures f
SET assignee = i.assignee, assignee_member_id = i.assignee_member_id, issue_type_id = i.issue_type_id
FROM issues i
WHERE i.issue_key = f.issue_key;

-- One member's, one raw assignee's or one type's done issues in done_at order (the member's index
-- whole, as the foreign key's delete looks rows up through it).
CREATE INDEX issue_flow_figures_member_done ON issue_flow_figures (assignee_member_id, done_at);
CREATE INDEX issue_flow_figures_assignee_done ON issue_flow_figures (assignee, done_at) WHERE done_at IS NOT NULL;
CREATE INDEX issue_flow_figures_type_done ON issue_flow_figures (issue_type_id, done_at) WHERE done_at IS NOT NULL;
