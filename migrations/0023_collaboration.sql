-- Who works with whom (DESIGN.md "Collaboration"): Slack metadata, and one table of interactions
-- filled from every source, from which the team graph is computed.

-- team.member.<id>.slack_id maps Slack users to members; .role is free text, `po` = product owner.
ALTER TABLE team_members
    ADD COLUMN slack_id  text UNIQUE,
    ADD COLUMN role      text;

CREATE TABLE slack_channels (
    id          text PRIMARY KEY,                 -- C…/G…
    name        text NOT NULL,
    is_private  boolean NOT NULL DEFAULT false,
    archived    boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Metadata only: no message text is stored (docs/collaboration.md, "Privacy").
CREATE TABLE slack_messages (
    channel_id   text NOT NULL REFERENCES slack_channels (id) ON DELETE CASCADE,
    ts           text NOT NULL,                   -- Slack's id of the message, exactly as sent
    posted_at    timestamptz NOT NULL,            -- ts read as seconds since the epoch
    user_id      text,                            -- U…/B…; NULL when Slack names no user
    thread_ts    text,                            -- the parent's ts for a reply or a parent
    reply_count  integer NOT NULL DEFAULT 0,
    edited_at    timestamptz,
    mentions     text[] NOT NULL DEFAULT '{}',    -- Slack user ids
    reactions    jsonb NOT NULL DEFAULT '[]',     -- [{"name": "+1", "users": ["U…"], "count": 1}]
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, ts)
);
CREATE INDEX slack_messages_posted_at ON slack_messages (posted_at);
CREATE INDEX slack_messages_thread ON slack_messages (channel_id, thread_ts) WHERE thread_ts IS NOT NULL;

-- One edge of the team graph. actor and target are member ids where the person is a configured
-- member, otherwise the upstream account prefixed by its source (`github:login`, `jira:accountId`,
-- `slack:U…`). Edges between people: REVIEWED (reviewer -> pull request author), MENTIONED
-- (author -> mentioned), REPLIED_TO (replier -> thread author). Edges from a person to an issue:
-- ASSIGNED_TO and COMMENTED_ON, whose target is the issue key. source_id names the upstream
-- item (review id, comment id, `channel:ts`, …) so that re-harvesting writes each edge once.
CREATE TABLE interactions (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('ASSIGNED_TO', 'REVIEWED', 'COMMENTED_ON', 'MENTIONED', 'REPLIED_TO')),
    actor        text NOT NULL,
    target       text NOT NULL,
    issue_key    text,
    channel_id   text,
    occurred_at  timestamptz NOT NULL,
    source       text NOT NULL,                   -- github, jira, slack
    source_id    text NOT NULL,
    UNIQUE (source, source_id, kind, target)
);
CREATE INDEX interactions_occurred_at ON interactions (occurred_at);
CREATE INDEX interactions_actor ON interactions (actor, occurred_at);
CREATE INDEX interactions_target ON interactions (target, occurred_at);
