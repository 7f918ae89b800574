-- `issues.last_run_id` without a foreign key: the check ran once per written row (every insert
-- and every update, each with a new run id), a tenth of the writer's server time, while the only
-- values ever written are the id of the run that is writing (which exists) or the stored one.
-- Pruning old runs clears the ids they leave behind itself, as ON DELETE SET NULL did
-- (HarvestRunSQL.prune).
ALTER TABLE issues DROP CONSTRAINT issues_last_run_id_fkey;
