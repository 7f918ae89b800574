-- Rendered API documents (the unpaged keys of a filter, hierarchy trees), shared by the API
-- workers: building a 2,000-node tree costs the database ≈ 15 ms, reading it back ≈ 0.5 ms.
-- UNLOGGED: no WAL, emptied after a crash, absent on replicas — a cache may lose everything.
--
-- A document is current while no data it was built from has changed since. `snapshot` was
-- taken before it was built: every transaction that had ended in it is in the document.
-- Writers to the tables the documents read NOTIFY their transaction id on
-- `worksupport_data_changed` (triggers below); a worker that heard of transaction X serves
-- only documents whose snapshot saw X ended.
CREATE UNLOGGED TABLE api_document_cache (
    cache_key     text NOT NULL,         -- SHA-256 (hex) of the canonical request
    part          integer NOT NULL,      -- pieces of ≤ 32,768 characters, in order
    snapshot      pg_snapshot NOT NULL,
    stored_at     timestamptz NOT NULL DEFAULT now(),
    body          text NOT NULL,
    PRIMARY KEY (cache_key, part)
);
-- Out of line and uncompressed: a piece is read as stored (compression saved no time, and
-- one 400 kB value cost the server half as much again as the same bytes in pieces).
ALTER TABLE api_document_cache ALTER COLUMN body SET STORAGE EXTERNAL;

-- Statement-level, so a batch of 500 rows notifies once; NOTIFY itself sends one per
-- transaction and payload. A statement in a transaction that has written nothing (no xid)
-- changed nothing.
CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    writer xid8 := pg_current_xact_id_if_assigned();
BEGIN
    IF writer IS NOT NULL THEN
        PERFORM pg_notify('worksupport_data_changed', writer::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER issues_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON issues
    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
CREATE TRIGGER issue_types_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON issue_types
    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
CREATE TRIGGER team_members_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_members
    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
-- `harvested_at` in every document is the last finished run's end (heartbeats do not count).
CREATE TRIGGER harvest_runs_data_changed
    AFTER INSERT OR UPDATE OF status, finished_at OR DELETE OR TRUNCATE ON harvest_runs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
