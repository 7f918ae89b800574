-- The delivery metrics read a window's changes by key from `deployment_changes`, thousands of
-- lookups a request: compared as bytes, each costs no locale compare (equality is the same under
-- any deterministic collation).
CREATE INDEX changes_key_bytes ON changes (change_key COLLATE "C");
