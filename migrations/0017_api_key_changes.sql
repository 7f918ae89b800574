-- API workers keep the keys they have found active (by hash) for the issue lookup, the most
-- frequent request, and drop them all when they hear this channel: a key revoked, deleted,
-- renamed or re-hashed is refused by its next request, as when every request read the table.
-- `last_used_at` (written in batches by the workers themselves) is not among the columns, so
-- that write does not empty the caches. A statement trigger: one notification per statement
-- and transaction, with no payload, since every change means the same (forget everything).
CREATE FUNCTION notify_api_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('worksupport_api_keys_changed', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed
    AFTER UPDATE OF key_hash, name, revoked_at OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_keys_changed();
