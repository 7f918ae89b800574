/// `GET /api/team/quiet`: the interactions of any kind a member took part in (as actor, or as the
/// target: only person edges name a member there), in the window and in the window of the same
/// length before it, counted per member from index-only scans.
///
/// Two things keep the count small. Each window is cut into its whole UTC days, counted from the
/// (person, occurred_on) indexes, where deduplication makes a person's day one index entry, and
/// the parts of a day at either end, counted from the (person, occurred_at) indexes. And the
/// window itself is counted only until it decides: a member with at least half the interactions
/// of the window before is neither quiet nor dropped, and only those two lists show the count,
/// which is exact below that cap.
extension TeamGraphSQL {
    /// The count of `member`'s interactions as `side` (actor or target) satisfying `range`.
    static func sideCount(_ side: String, _ member: String, _ range: String) -> String {
        "(SELECT count(*) FROM interactions x WHERE x.\(side) = \(member) AND \(range))"
    }

    /// All of `member`'s interactions, both sides, in the three parts of a window.
    static func windowCount(_ member: String, days: String, head: String, tail: String) -> String {
        ["actor", "target"].flatMap { side in [sideCount(side, member, days), sideCount(side, member, head), sideCount(side, member, tail)] }
            .joined(separator: "\n                 + ")
    }

    static let quiet = StoreStatement(name: "team_quiet", sql: """
        WITH bounds AS (
            SELECT $1::timestamptz AS since, $2::timestamptz AS until,
                   $1::timestamptz - ($2::timestamptz - $1::timestamptz) AS before
        ), cut AS (
            -- A window [from, to) is [from, head_end) + whole days [first_day, end_day) + [tail_from, to):
            -- first_day is the first midnight at or after from, end_day the last at or before to; a
            -- window inside one day is all head.
            SELECT b.*, p.*, c.*
            FROM bounds b
            CROSS JOIN LATERAL (SELECT least(m.at, b.since) AS p_head_end, m.at::date AS p_first_day,
                                       greatest(f.at, m.at) AS p_tail_from, f.at::date AS p_end_day
                                FROM (SELECT date_trunc('day', (b.before AT TIME ZONE 'UTC') - interval '1 microsecond')
                                             + interval '1 day' AS at) m,
                                     (SELECT date_trunc('day', b.since AT TIME ZONE 'UTC') AS at) f) p
            CROSS JOIN LATERAL (SELECT least(m.at, b.until) AS c_head_end, m.at::date AS c_first_day,
                                       greatest(f.at, m.at) AS c_tail_from, f.at::date AS c_end_day
                                FROM (SELECT date_trunc('day', (b.since AT TIME ZONE 'UTC') - interval '1 microsecond')
                                             + interval '1 day' AS at) m,
                                     (SELECT date_trunc('day', b.until AT TIME ZONE 'UTC') AS at) f) c
        ), before AS MATERIALIZED (
            SELECT m.member_id, m.name,
                   \(windowCount("m.member_id",
                                 days: "x.occurred_on >= k.p_first_day AND x.occurred_on < k.p_end_day",
                                 head: "x.occurred_at >= k.before AND x.occurred_at < k.p_head_end AT TIME ZONE 'UTC'",
                                 tail: "x.occurred_at >= k.p_tail_from AT TIME ZONE 'UTC' AND x.occurred_at < k.since")) AS previous
            FROM team_members m CROSS JOIN cut k
        ), capped AS MATERIALIZED (
            -- current * 2 < previous  <=>  current < (previous + 1) / 2 (integer division). The ends of
            -- the window (a day at most) are counted in full, its whole days up to the cap.
            SELECT b.member_id, b.name, b.previous, greatest((b.previous + 1) / 2, 1) AS cap,
                   \(sideCount("actor", "b.member_id", "x.occurred_at >= k.since AND x.occurred_at < k.c_head_end AT TIME ZONE 'UTC'"))
                 + \(sideCount("actor", "b.member_id", "x.occurred_at >= k.c_tail_from AT TIME ZONE 'UTC' AND x.occurred_at < k.until"))
                 + \(sideCount("target", "b.member_id", "x.occurred_at >= k.since AND x.occurred_at < k.c_head_end AT TIME ZONE 'UTC'"))
                 + \(sideCount("target", "b.member_id", "x.occurred_at >= k.c_tail_from AT TIME ZONE 'UTC' AND x.occurred_at < k.until")) AS ends
            FROM before b CROSS JOIN cut k
        ), counted AS (
            SELECT c.member_id, c.name, c.previous, c.ends + a.n + t.n AS current
            FROM capped c CROSS JOIN cut k
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT FROM interactions x
                                WHERE x.actor = c.member_id AND x.occurred_on >= k.c_first_day AND x.occurred_on < k.c_end_day
                                LIMIT greatest(c.cap - c.ends, 0)) AS seen) a
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT FROM interactions x
                                WHERE x.target = c.member_id AND x.occurred_on >= k.c_first_day AND x.occurred_on < k.c_end_day
                                LIMIT greatest(c.cap - c.ends - a.n, 0)) AS seen) t
        )
        SELECT json_build_object(
            \(window),
            'previous_since', (SELECT \(APISQL.rfc3339("before")) FROM bounds),
            'members', (SELECT count(*) FROM counted),
            'quiet_count', (SELECT count(*) FROM counted WHERE current = 0),
            'quiet', coalesce((SELECT json_agg(json_build_object('id', member_id, 'name', name, 'interactions', current,
                                                                 'previous', previous) ORDER BY member_id)
                               FROM counted WHERE current = 0), '[]'::json),
            'dropped_count', (SELECT count(*) FROM counted WHERE current > 0 AND current * 2 < previous),
            'dropped', coalesce((SELECT json_agg(json_build_object('id', member_id, 'name', name, 'interactions', current,
                                                                   'previous', previous,
                                                                   'ratio', round(current::numeric / previous, 4))
                                                 ORDER BY current::float8 / previous, member_id)
                                 FROM counted WHERE current > 0 AND current * 2 < previous), '[]'::json)
        )::text AS body
        """)
}
