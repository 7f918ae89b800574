-- The release view reads the memberships that do not come from a fixVersion (by label or by
-- inheritance: usually few) for one release; with `via` in the index those are found without
-- visiting the release's fixVersion rows (5,000 of them for a 5k-issue release).
DROP INDEX issue_releases_release_name;
CREATE INDEX issue_releases_release_name ON issue_releases (release_name, via);
