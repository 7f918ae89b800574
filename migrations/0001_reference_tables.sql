-- Team members and the issue-type hierarchy. Both mirror the properties file; the harvester
-- keeps them in sync with it at the start of every run.

CREATE TABLE team_members (
    member_id   text PRIMARY KEY,              -- the <id> of team.member.<id>.* in the config
    name        text NOT NULL,
    jira_id     text UNIQUE,                   -- Jira accountId (or e-mail on Server/DC)
    github_id   text UNIQUE,                   -- GitHub login
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (jira_id IS NOT NULL OR github_id IS NOT NULL)
);
-- GitHub logins are case-insensitive.
CREATE UNIQUE INDEX team_members_github_id_lower ON team_members (lower(github_id));

CREATE TABLE issue_types (
    id    integer PRIMARY KEY,                 -- Jira issue type id; -1 = not known
    name  text NOT NULL
);

-- Which child types each type allows (Product Version -> Feature, …).
CREATE TABLE issue_type_children (
    parent_type_id integer NOT NULL REFERENCES issue_types (id) ON DELETE CASCADE,
    child_type_id  integer NOT NULL REFERENCES issue_types (id) ON DELETE CASCADE,
    PRIMARY KEY (parent_type_id, child_type_id)
);

-- The default hierarchy of the design, and the type that unknown ids map to.
INSERT INTO issue_types (id, name) VALUES
    (-1,    'Error-Type Not Known'),
    (10004, 'Product Version'),
    (10000, 'Feature'),
    (11140, 'Customer Adoption'),
    (10101, 'Story'),
    (10104, 'Task');

INSERT INTO issue_type_children (parent_type_id, child_type_id) VALUES
    (10004, 10000), (10004, 11140),
    (10000, 10101), (10000, 10104),
    (11140, 10101);
