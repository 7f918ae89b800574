-- Benchmark data: :n issues (default 100000) in the default hierarchy, 50 team members.
--   psql -v n=100000 -f bench/seed-issues.sql "$DATABASE_URL"
-- Shape: 50 Product Versions (BENCH-1..50); under each, features (10000) in round-robin;
-- the rest are stories/tasks under features. Each member is assignee of ~n/50 issues (≈ 2k at
-- 100k), and each Product Version has ≈ n/50 descendants. Every issue has one fixVersion:
-- release-2..release-5 ≈ n/5 issues each, release-5k every 20th issue (5,000 at 100k, the release
-- view benchmark's), release-1 the rest of i % 5 = 0.
\if :{?n}
\else
\set n 100000
\endif

BEGIN;
INSERT INTO team_members (member_id, name, jira_id, github_id)
SELECT 'm' || g, 'Member ' || g, 'acct-' || g, 'member-' || g FROM generate_series(1, 50) g
ON CONFLICT DO NOTHING;

-- Keys BENCH-1..n: 1..50 Product Versions, 51..(50 + n/10) Features, the rest Stories/Tasks.
WITH params AS (SELECT :n::int AS n, 50 AS pvs, greatest(:n::int / 10, 50) AS features),
numbered AS (
    SELECT g AS i, p.* FROM params p, generate_series(1, (SELECT n FROM params)) g
)
INSERT INTO issues (issue_key, source, summary, status, status_category, issue_type_id, issue_type_name,
                    parent_key, assignee, assignee_member_id, labels, fix_versions, url,
                    created_at, updated_at, raw)
SELECT 'BENCH-' || i,
       'jira',
       'Benchmark issue ' || i || ' with a summary of realistic length for a work item',
       (ARRAY['To Do', 'In Progress', 'Done'])[1 + i % 3],
       (ARRAY['new', 'indeterminate', 'done'])[1 + i % 3],
       CASE WHEN i <= pvs THEN 10004 WHEN i <= pvs + features THEN 10000
            WHEN i % 2 = 0 THEN 10101 ELSE 10104 END,
       CASE WHEN i <= pvs THEN 'Product Version' WHEN i <= pvs + features THEN 'Feature'
            WHEN i % 2 = 0 THEN 'Story' ELSE 'Task' END,
       CASE WHEN i <= pvs THEN NULL
            WHEN i <= pvs + features THEN 'BENCH-' || (1 + (i - pvs - 1) % pvs)
            ELSE 'BENCH-' || (pvs + 1 + (i - pvs - features - 1) % features) END,
       'acct-' || (1 + i % 50),
       'm' || (1 + i % 50),
       ARRAY['work-support', 'team-' || (i % 7)],
       ARRAY[CASE WHEN i % 20 = 0 THEN 'release-5k' ELSE 'release-' || (1 + i % 5) END],
       'https://jira.example.com/browse/BENCH-' || i,
       now() - interval '90 days' + (i || ' seconds')::interval,
       now() - interval '1 day' + (i || ' milliseconds')::interval,
       jsonb_build_object('key', 'BENCH-' || i, 'fields', jsonb_build_object('summary', 'Benchmark issue ' || i))
FROM numbered
ON CONFLICT (issue_key) DO NOTHING;
COMMIT;
ANALYZE issues;
