-- The owners question of the team page (docs/collaboration.md) reads the kind, actor and target
-- of every current ticket's interactions: from the index alone, not from the table. It serves
-- every lookup by issue key that interactions_issue_key (0027) served, so it replaces it.
CREATE INDEX interactions_issue_edges ON interactions (issue_key) INCLUDE (kind, actor, target)
    WHERE issue_key IS NOT NULL;
DROP INDEX interactions_issue_key;

-- Push ranges are pruned under retention.deliveries_days like the raw deliveries they came
-- from, except those a production deployment may still take its range from (docs/dora.md,
-- "Pushes"); each harvest run records how many it deleted.
CREATE INDEX branch_pushes_received_at ON branch_pushes (received_at);
ALTER TABLE harvest_runs ADD COLUMN pushes_pruned integer NOT NULL DEFAULT 0;
