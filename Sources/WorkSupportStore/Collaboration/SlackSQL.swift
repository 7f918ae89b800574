/// The statements of `SlackStore`. A message's time is its `ts` read as seconds; deletions compare
/// `ts` as numeric, which is exact where a double is not.
enum SlackSQL {
    static let upsertChannels = StoreStatement(name: "slack_upsert_channels", sql: """
        INSERT INTO slack_channels (id, name, is_private, archived)
        SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[])
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_private = EXCLUDED.is_private,
            archived = EXCLUDED.archived, updated_at = now()
        WHERE (slack_channels.name, slack_channels.is_private, slack_channels.archived)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.is_private, EXCLUDED.archived)
        """)

    /// A channel known only by its id (an event, or `slack.channels` before its first listing).
    static let ensureChannel = StoreStatement(name: "slack_ensure_channel", sql: """
        INSERT INTO slack_channels (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING
        """)

    static let markChannel = StoreStatement(name: "slack_mark_channel", sql: """
        UPDATE slack_channels SET last_harvested_at = CASE WHEN $2::text IS NULL THEN now() ELSE last_harvested_at END,
            skipped_reason = $2 WHERE id = $1
        """)

    static let upsertUsers = StoreStatement(name: "slack_upsert_users", sql: """
        INSERT INTO slack_users (id, name, is_bot, deleted)
        SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[])
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_bot = EXCLUDED.is_bot, deleted = EXCLUDED.deleted,
            updated_at = now()
        WHERE (slack_users.name, slack_users.is_bot, slack_users.deleted)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.is_bot, EXCLUDED.deleted)
        """)

    /// Mentions travel comma-joined (ids hold no comma), reactions as jsonb text. Answers one row
    /// per message written, `inserted` telling a new one from a changed one.
    static let upsertMessages = StoreStatement(name: "slack_upsert_messages", sql: """
        INSERT INTO slack_messages (channel_id, ts, posted_at, user_id, bot_id, thread_ts, reply_count, edited_at,
                                    mentions, reactions)
        SELECT $1, m.ts, to_timestamp(m.ts::double precision), m.user_id, m.bot_id, m.thread_ts, m.reply_count,
               to_timestamp(m.edited_ts::double precision),
               CASE WHEN m.mentions = '' THEN '{}'::text[] ELSE string_to_array(m.mentions, ',') END, m.reactions::jsonb
        FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[])
             AS m(ts, user_id, bot_id, thread_ts, reply_count, edited_ts, mentions, reactions)
        ON CONFLICT (channel_id, ts) DO UPDATE SET user_id = EXCLUDED.user_id, bot_id = EXCLUDED.bot_id,
            thread_ts = EXCLUDED.thread_ts, reply_count = EXCLUDED.reply_count, edited_at = EXCLUDED.edited_at,
            mentions = EXCLUDED.mentions, reactions = EXCLUDED.reactions, updated_at = now()
        WHERE (slack_messages.user_id, slack_messages.bot_id, slack_messages.thread_ts, slack_messages.reply_count,
               slack_messages.edited_at, slack_messages.mentions, slack_messages.reactions)
              IS DISTINCT FROM (EXCLUDED.user_id, EXCLUDED.bot_id, EXCLUDED.thread_ts, EXCLUDED.reply_count,
                                EXCLUDED.edited_at, EXCLUDED.mentions, EXCLUDED.reactions)
        RETURNING (xmax = 0) AS inserted
        """)

    /// Replaces the Slack interactions of the messages `$1` (`channel:ts`) by the rows given:
    /// rows still drawn are kept as they are, others deleted, new ones inserted. Slack ids become
    /// member ids through `team_members.slack_id`, else `slack:U…`.
    static let replaceInteractions = StoreStatement(name: "slack_replace_interactions", sql: """
        WITH drawn AS (
            SELECT n.kind, coalesce(a.member_id, 'slack:' || n.actor) AS actor,
                   coalesce(t.member_id, 'slack:' || n.target) AS target, n.channel_id, n.occurred_at, n.source_id
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
                 AS n(kind, actor, target, channel_id, occurred_at, source_id)
            LEFT JOIN team_members a ON a.slack_id = n.actor
            LEFT JOIN team_members t ON t.slack_id = n.target
        ), gone AS (
            DELETE FROM interactions i
            WHERE i.source = 'slack' AND i.source_id = ANY($1::text[])
              AND NOT EXISTS (SELECT 1 FROM drawn d WHERE d.source_id = i.source_id AND d.kind = i.kind AND d.target = i.target)
        )
        INSERT INTO interactions (kind, actor, target, channel_id, occurred_at, source, source_id)
        SELECT kind, actor, target, channel_id, occurred_at, 'slack', source_id FROM drawn
        ON CONFLICT (source, source_id, kind, target) DO UPDATE SET actor = EXCLUDED.actor,
            channel_id = EXCLUDED.channel_id, occurred_at = EXCLUDED.occurred_at
        WHERE (interactions.actor, interactions.channel_id, interactions.occurred_at)
              IS DISTINCT FROM (EXCLUDED.actor, EXCLUDED.channel_id, EXCLUDED.occurred_at)
        """)

    /// Deletes messages of `$1` and their interactions; `where` names the messages (`m`).
    static func deleting(_ name: String, where condition: String) -> StoreStatement {
        StoreStatement(name: name, sql: """
            WITH gone AS (
                DELETE FROM slack_messages m WHERE m.channel_id = $1 AND \(condition)
                RETURNING m.channel_id || ':' || m.ts AS source_id
            ), edges AS (
                DELETE FROM interactions i USING gone WHERE i.source = 'slack' AND i.source_id = gone.source_id
            )
            SELECT count(*)::integer AS n FROM gone
            """)
    }

    /// Messages outside threads and thread parents posted after `$2` (a ts) that history no
    /// longer lists (`$3`): deleted upstream.
    static let deleteUnlistedTopLevel = deleting("slack_delete_unlisted_top_level", where: """
        m.posted_at >= to_timestamp($2::double precision) - interval '1 second' AND m.ts::numeric > $2::numeric
        AND (m.thread_ts IS NULL OR m.thread_ts = m.ts) AND m.ts <> ALL($3::text[])
        """)

    /// Replies that `conversations.replies` no longer lists: `$2` thread ts, `$3` each thread's listed
    /// replies comma-joined.
    static let deleteUnlistedRepliesOfThreads = deleting("slack_delete_unlisted_replies_of_threads", where: """
        m.ts <> m.thread_ts AND EXISTS (
            SELECT 1 FROM unnest($2::text[], $3::text[]) AS l(thread_ts, listed)
            WHERE m.thread_ts = l.thread_ts AND m.ts <> ALL(string_to_array(l.listed, ',')))
        """)

    static let deleteMessage = deleting("slack_delete_message", where: "m.ts = $2")

    /// Stored threads of `$1` with a message posted after `$2`: activity inside the lookback.
    static let activeThreads = StoreStatement(name: "slack_active_threads", sql: """
        SELECT DISTINCT thread_ts FROM slack_messages
        WHERE channel_id = $1 AND thread_ts IS NOT NULL AND posted_at >= to_timestamp($2::double precision)
        """)

    static let threadAuthor = StoreStatement(name: "slack_thread_author", sql: """
        SELECT user_id, bot_id FROM slack_messages WHERE channel_id = $1 AND ts = $2
        """)

    static let storedMessage = StoreStatement(name: "slack_stored_message", sql: """
        SELECT thread_ts, reply_count, reactions::text AS reactions FROM slack_messages WHERE channel_id = $1 AND ts = $2
        """)

    static let reactionsForUpdate = StoreStatement(name: "slack_reactions_for_update", sql: """
        SELECT reactions::text AS reactions FROM slack_messages WHERE channel_id = $1 AND ts = $2 FOR UPDATE
        """)

    static let setReactions = StoreStatement(name: "slack_set_reactions", sql: """
        UPDATE slack_messages SET reactions = $3::jsonb, updated_at = now() WHERE channel_id = $1 AND ts = $2
        """)

    /// A reply arriving as an event: its parent counts one more reply.
    static let countReply = StoreStatement(name: "slack_count_reply", sql: """
        UPDATE slack_messages SET reply_count = reply_count + 1, updated_at = now()
        WHERE channel_id = $1 AND ts = $2
        """)

    /// One batch of messages posted before `$1`, with their interactions.
    static let pruneBatch = StoreStatement(name: "slack_prune_batch", sql: """
        WITH batch AS (
            SELECT channel_id, ts FROM slack_messages WHERE posted_at < $1 ORDER BY posted_at LIMIT $2
        ), gone AS (
            DELETE FROM slack_messages m USING batch WHERE m.channel_id = batch.channel_id AND m.ts = batch.ts
            RETURNING m.channel_id || ':' || m.ts AS source_id
        ), edges AS (
            DELETE FROM interactions i USING gone WHERE i.source = 'slack' AND i.source_id = gone.source_id
        )
        SELECT count(*)::integer AS n FROM gone
        """)

    /// Slack interactions older than retention whose message is gone already (events for
    /// messages never collected, say).
    static let pruneInteractions = StoreStatement(name: "slack_prune_interactions", sql: """
        DELETE FROM interactions WHERE source = 'slack' AND occurred_at < $1
        """)

    static let recordInRun = StoreStatement(name: "slack_record_in_run", sql: """
        UPDATE harvest_runs SET slack_messages_fetched = $2, slack_messages_written = $3, slack_messages_deleted = $4,
            slack_channels_skipped = $5, slack_messages_pruned = $6
        WHERE id = $1
        """)
}
