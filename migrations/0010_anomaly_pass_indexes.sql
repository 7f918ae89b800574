-- What the anomaly passes read and write.
--
-- Memberships keyed by issue first: the pass after a webhook delivery reads and rewrites one
-- issue's rows, and 100k first-pass inserts cost less in this order with a separate (deduplicated)
-- index on the release name for the release views than in the old order with a second index on
-- the issue key.
ALTER TABLE issue_releases DROP CONSTRAINT issue_releases_pkey, ADD PRIMARY KEY (issue_key, release_name);
CREATE INDEX issue_releases_release_name ON issue_releases (release_name);

-- The full pass and missing_release read the issues without a fixVersion (few: most issues carry
-- one) through this instead of scanning all of them.
CREATE INDEX issues_without_fix_version ON issues (issue_key) WHERE cardinality(fix_versions) = 0;

-- The hierarchy tables are tiny and never reach autovacuum's analyze threshold: unanalyzed, the
-- planner takes them for 2,000 rows and misjudges every rule that joins them. ReferenceSync
-- analyzes them after each change from now on.
ANALYZE issue_types;
ANALYZE issue_type_children;
