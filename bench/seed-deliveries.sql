-- Delivery metrics seed for the benchmarks (bench/dora.sh, bench/ui.sh): repository :repo with
-- :n deployments and :p merged pull requests over the year ending now. Deployment i every
-- year/N, its sha m<i>; 4 pull requests a deployment, each merged (merge sha in the deployment's
-- range) an hour or more before it; every 10th deployment failed, every 25th has an incident
-- resolved 2 h later.
INSERT INTO deployments (source, external_id, repo, environment, is_production, sha, ref, status, created_at, finished_at,
                         changes_state, raw)
SELECT 'github', (100000 + i)::text, :'repo', 'production', true, 'm' || i, 'main',
       CASE WHEN i % 10 = 0 THEN 'failure' ELSE 'success' END,
       now() - interval '365 days' + (i * interval '365 days' / :n) - interval '10 minutes',
       CASE WHEN i % 10 = 0 THEN NULL ELSE now() - interval '365 days' + (i * interval '365 days' / :n) END,
       CASE WHEN i = 1 THEN 'base_unknown' ELSE 'known' END, '{}'
FROM generate_series(1, :n) i;
INSERT INTO deployment_statuses (source, deployment_external_id, status_id, state, created_at, raw)
SELECT 'github', external_id, external_id || '-1', status, coalesce(finished_at, created_at), '{}' FROM deployments;
INSERT INTO changes (change_key, repo, number, author, title, head_ref, first_commit_at, opened_at, first_review_at,
                     merged_at, merge_sha, raw)
SELECT :'repo' || '#' || j, :'repo', j, 'dev' || (j % 7), 'Change ' || j, 'feature/' || j,
       d.created_at - interval '3 days' - (j % 50) * interval '1 hour', d.created_at - interval '2 days',
       d.created_at - interval '1 day', d.created_at - interval '1 hour' - (j % 4) * interval '1 minute', 'pr' || j, '{}'
FROM generate_series(1, :p) j
JOIN deployments d ON d.external_id = (100000 + ((j - 1) * :n / :p) + 1)::text;
INSERT INTO deployment_commits (deployment_id, sha)
SELECT d.id, c.merge_sha FROM changes c
JOIN deployments d ON d.external_id = (100000 + ((c.number - 1) * :n / :p) + 1)::text;
INSERT INTO deployment_changes (deployment_id, change_key)
SELECT d.id, c.change_key FROM changes c
JOIN deployments d ON d.external_id = (100000 + ((c.number - 1) * :n / :p) + 1)::text
WHERE d.status = 'success';
INSERT INTO incidents (source, external_id, title, repo, environment, created_at, resolved_at, deployment_id, link_method, raw)
SELECT 'bench', 'inc-' || d.external_id, 'Incident', d.repo, 'production', d.finished_at + interval '30 minutes',
       d.finished_at + interval '2 hours', d.id, 'window', '{}'
FROM deployments d WHERE d.status = 'success' AND d.external_id::int % 25 = 0;
VACUUM ANALYZE;
