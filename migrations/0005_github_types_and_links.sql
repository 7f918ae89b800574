-- GitHub items have their own reserved types (never "unknown"), and may refer to a Jira key.

INSERT INTO issue_types (id, name) VALUES
    (-2, 'GitHub Issue'),
    (-3, 'GitHub Pull Request');

ALTER TABLE issues ADD COLUMN linked_key text;
ALTER TABLE issues_staging ADD COLUMN linked_key text;
CREATE INDEX issues_linked_key ON issues (linked_key) WHERE linked_key IS NOT NULL;
