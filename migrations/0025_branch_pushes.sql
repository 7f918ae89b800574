-- Delivery metrics: GitHub `push` deliveries of the repositories in github.repos, kept as the
-- commit ranges they are. A chain of pushes from one deployed sha to the next gives that
-- deployment's changes without a compare call (docs/dora.md, "Collection").
CREATE TABLE branch_pushes (
    repo         text NOT NULL,               -- owner/name, lower case
    branch       text NOT NULL,
    before_sha   text NOT NULL,
    after_sha    text NOT NULL,
    commits      text[] NOT NULL,             -- the push's commits (the compare of before...after)
    forced       boolean NOT NULL,
    complete     boolean NOT NULL,            -- false: GitHub listed only part of the commits
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repo, branch, before_sha, after_sha)
);
CREATE INDEX branch_pushes_after ON branch_pushes (repo, after_sha);
