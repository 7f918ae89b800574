-- The Slack collector (docs/collaboration.md, "Slack"): the workspace's users, so that bots and
-- deleted accounts are known as such, the harvest's per-channel outcome, and 'slack' as a
-- source of harvest errors. Still metadata only: no message text anywhere.

CREATE TABLE slack_users (
    id          text PRIMARY KEY,                 -- U…/W… (bots have a user id too)
    name        text NOT NULL,                    -- the handle, not a display name
    is_bot      boolean NOT NULL DEFAULT false,
    deleted     boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Which harvest last read a channel, and why it could not when it could not (not_in_channel,
-- channel_not_found): such a channel is skipped and counted, the run goes on.
ALTER TABLE slack_channels
    ADD COLUMN last_harvested_at  timestamptz,
    ADD COLUMN skipped_reason     text;

-- Bot messages carry a bot id (B…) and often no user.
ALTER TABLE slack_messages ADD COLUMN bot_id text;

-- Deletions inside the lookback are found per channel by time.
CREATE INDEX slack_messages_channel_posted ON slack_messages (channel_id, posted_at);
CREATE INDEX interactions_slack_source_id ON interactions (source_id) WHERE source = 'slack';

ALTER TABLE harvest_errors DROP CONSTRAINT IF EXISTS harvest_errors_source_check;
ALTER TABLE harvest_errors ADD CONSTRAINT harvest_errors_source_check
    CHECK (source IN ('jira', 'github', 'database', 'internal', 'slack'));

-- The Slack part of a run's audit, beside the issue counts (which stay the issues').
ALTER TABLE harvest_runs
    ADD COLUMN slack_messages_fetched   integer NOT NULL DEFAULT 0,
    ADD COLUMN slack_messages_written   integer NOT NULL DEFAULT 0,
    ADD COLUMN slack_messages_deleted   integer NOT NULL DEFAULT 0,
    ADD COLUMN slack_channels_skipped   integer NOT NULL DEFAULT 0,
    ADD COLUMN slack_messages_pruned    integer NOT NULL DEFAULT 0;
