-- Upstream traffic per run: requests sent (retries included) and retries, so an audit shows
-- how hard a run had to work (429 storms, 5xx) even when every item arrived in the end.
ALTER TABLE harvest_runs ADD COLUMN requests integer NOT NULL DEFAULT 0;
ALTER TABLE harvest_runs ADD COLUMN retries integer NOT NULL DEFAULT 0;
