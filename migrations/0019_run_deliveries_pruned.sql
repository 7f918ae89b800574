-- Retention of raw deliveries (retention.deliveries_days): each harvest run records how many
-- webhook_deliveries rows its pruning deleted, beside its other counts.
ALTER TABLE harvest_runs ADD COLUMN deliveries_pruned integer NOT NULL DEFAULT 0;
