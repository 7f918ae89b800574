-- The release view's anomalies are those of the release's members, found by joining the open
-- anomalies with `issue_releases` by issue key. With the key in the index that join reads the
-- index alone (an index-only scan) instead of visiting the table's pages of the release's rows:
-- 2.0 instead of 2.9 ms of the database's time for a 5k-issue release.
DROP INDEX issue_releases_release_name;
CREATE INDEX issue_releases_release_name ON issue_releases (release_name, via) INCLUDE (issue_key);
