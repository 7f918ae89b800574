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

-- The quiet question counts a member's interactions over weeks: by UTC day where it can, from
-- (person, day) indexes in which deduplication keeps a person's day as one entry. occurred_on
-- is a stored column because an index-only scan cannot read an expression index.
ALTER TABLE interactions ADD COLUMN occurred_on date GENERATED ALWAYS AS ((occurred_at AT TIME ZONE 'UTC')::date) STORED;
CREATE INDEX interactions_actor_day ON interactions (actor, occurred_on);
CREATE INDEX interactions_target_day ON interactions (target, occurred_on);
