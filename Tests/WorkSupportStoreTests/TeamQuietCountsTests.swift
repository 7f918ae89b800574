import Foundation
import JSON
import Postgres
import Testing
import WorkSupportStore

/// `GET /api/team/quiet` counts the window only as far as it decides: these members sit on
/// either side of "dropped by more than half", with their interactions split between the actor
/// and the target side, and each listed count must still be exact.
@Suite struct TeamQuietCountsTests {
    typealias F = IssueStoreFixtures

    /// (member, interactions in the window before as actor, as target, in the window as actor, as target)
    static let plan: [(String, Int, Int, Int, Int)] = [
        ("half", 4, 0, 2, 0),         // 2 * 2 = 4, not below 4: neither
        ("below", 5, 0, 2, 0),        // 4 < 5: dropped, 2 of 5
        ("one_short", 9, 0, 4, 0),    // 8 < 9: dropped, 4 of 9
        ("at_cap", 9, 0, 5, 0),       // 10 >= 9: neither
        ("fresh", 0, 0, 3, 0),        // nothing before: neither
        ("silent", 1, 2, 0, 0),       // quiet, 3 before
        ("split_even", 0, 6, 2, 1),   // 6 >= 6: neither
        ("split_below", 3, 4, 1, 2),  // 6 < 7: dropped, 3 of 7 from both sides
    ]

    @Test func listedCountsAreExactOnBothSidesOfTheHalf() throws {
        let f = try F()
        let now = Date()
        let window = TeamWindow(since: now.addingTimeInterval(-10 * 86_400), until: now)
        var serial = 0
        func plant(_ count: Int, actor: String, target: String, daysAgo: Double) throws {
            for _ in 0..<count {
                serial += 1
                try f.db.query("""
                    INSERT INTO interactions (kind, actor, target, channel_id, occurred_at, source, source_id)
                    VALUES ('MENTIONED', $1, $2, 'C1', now() - make_interval(secs => $3::float8 * 86400), 'slack', $4)
                    """, [actor, target, daysAgo, "C1:\(serial)"])
            }
        }
        for (member, beforeActor, beforeTarget, nowActor, nowTarget) in Self.plan {
            try f.db.query("INSERT INTO team_members (member_id, name, github_id) VALUES ($1, $1, $1)", [member])
            try plant(beforeActor, actor: member, target: "slack:U9", daysAgo: 15)
            try plant(beforeTarget, actor: "slack:U9", target: member, daysAgo: 15)
            try plant(nowActor, actor: member, target: "slack:U9", daysAgo: 5)
            try plant(nowTarget, actor: "slack:U9", target: member, daysAgo: 5)
        }

        let answer = try JSONValue.parse(try TeamGraphQueries(connection: f.db).quietJSON(window))

        func listed(_ name: String) -> [String: (Int, Int)] {
            var result: [String: (Int, Int)] = [:]
            for entry in answer[name]?.arrayValue ?? [] {
                result[entry["id"]?.stringValue ?? ""] = (entry["interactions"]?.intValue ?? -1, entry["previous"]?.intValue ?? -1)
            }
            return result
        }
        let quiet = listed("quiet"), dropped = listed("dropped")
        // jdoe (from the fixture) has nothing at all: quiet with 0 before.
        #expect(Set(quiet.keys) == ["silent", "jdoe"])
        #expect(quiet["silent"].map { [$0.0, $0.1] } == [0, 3])
        #expect(Set(dropped.keys) == ["below", "one_short", "split_below"])
        #expect(dropped["below"].map { [$0.0, $0.1] } == [2, 5])
        #expect(dropped["one_short"].map { [$0.0, $0.1] } == [4, 9])
        #expect(dropped["split_below"].map { [$0.0, $0.1] } == [3, 7])
        #expect(answer["members"]?.intValue == Self.plan.count + 1)
        // Lowest ratio first: 2/5 < 3/7 < 4/9.
        #expect(answer["dropped"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["below", "split_below", "one_short"])
    }
}

/// The quiet question cuts each window into whole UTC days and the parts of a day at its ends:
/// for windows cut at any time of day (at midnight, a microsecond off it, inside one day), its
/// lists say what a plain count of each member's interactions says.
@Suite struct TeamQuietWindowCutTests {
    typealias F = IssueStoreFixtures

    static let start = Date(timeIntervalSince1970: 1_772_323_200)   // 2026-03-01T00:00:00Z
    static func at(days: Double, seconds: Double = 0) -> Date { start.addingTimeInterval(days * 86_400 + seconds) }

    static let windows: [TeamWindow] = [
        TeamWindow(since: at(days: 3), until: at(days: 5)),
        TeamWindow(since: at(days: 3, seconds: 37_023.5), until: at(days: 5, seconds: 37_023.5)),
        TeamWindow(since: at(days: 5, seconds: -0.000_001), until: at(days: 5, seconds: 0.000_001)),
        TeamWindow(since: at(days: 4, seconds: 7_200), until: at(days: 4, seconds: 72_000)),
        TeamWindow(since: at(days: 2.5), until: at(days: 5)),
        TeamWindow(since: at(days: 4), until: at(days: 5.25)),
        TeamWindow(since: at(days: 3.75), until: at(days: 5.75)),
    ]

    /// (current, previous) of every member by a plain count over the two windows.
    static func plainCounts(_ db: PostgresConnection, _ window: TeamWindow) throws -> [String: (Int, Int)] {
        var counts: [String: (Int, Int)] = [:]
        for row in try db.query("""
            SELECT m.member_id,
                   (SELECT count(*) FROM interactions x WHERE x.actor = m.member_id AND x.occurred_at >= $2 AND x.occurred_at < $3)
                 + (SELECT count(*) FROM interactions x WHERE x.target = m.member_id AND x.occurred_at >= $2 AND x.occurred_at < $3) AS current,
                   (SELECT count(*) FROM interactions x WHERE x.actor = m.member_id AND x.occurred_at >= $1 AND x.occurred_at < $2)
                 + (SELECT count(*) FROM interactions x WHERE x.target = m.member_id AND x.occurred_at >= $1 AND x.occurred_at < $2) AS previous
            FROM team_members m
            """, [window.previousSince, window.since, window.until]) {
            counts[try row.get("member_id")] = (try row.get("current"), try row.get("previous"))
        }
        return counts
    }

    @Test func listsMatchAPlainCountForWindowsCutAtAnyTimeOfDay() throws {
        let f = try F()
        var serial = 0
        func plant(_ actor: String, _ target: String, at time: Date) throws {
            serial += 1
            try f.db.query("""
                INSERT INTO interactions (kind, actor, target, channel_id, occurred_at, source, source_id)
                VALUES ('MENTIONED', $1, $2, 'C1', $3, 'slack', $4)
                """, [actor, target, time, "C1:\(serial)"])
        }
        for member in ["fading", "silent", "steady", "edges"] {
            try f.db.query("INSERT INTO team_members (member_id, name, github_id) VALUES ($1, $1, $1)", [member])
        }
        // fading: every 50 minutes for four days, then every 7 hours; silent: every 40 minutes
        // until day 3.5, then nothing; steady: every 90 minutes, half of them as the one mentioned.
        var minute = 0.0
        while minute < 7 * 1440 {
            if minute.truncatingRemainder(dividingBy: minute < 4 * 1440 ? 50 : 420) == 0 { try plant("fading", "slack:U9", at: Self.at(days: 0, seconds: minute * 60)) }
            if minute < 3.5 * 1440, minute.truncatingRemainder(dividingBy: 40) == 0 { try plant("silent", "slack:U9", at: Self.at(days: 0, seconds: minute * 60 + 0.25)) }
            if minute.truncatingRemainder(dividingBy: 90) == 0 {
                try plant(Int(minute / 90) % 2 == 0 ? "steady" : "slack:U9", Int(minute / 90) % 2 == 0 ? "slack:U9" : "steady",
                          at: Self.at(days: 0, seconds: minute * 60 + 0.5))
            }
            minute += 10
        }
        // edges: on every window's bounds, the midnights next to them, and a microsecond either side.
        for window in Self.windows {
            for bound in [window.previousSince, window.since, window.until] {
                let midnight = Self.start.addingTimeInterval(((bound.timeIntervalSince(Self.start)) / 86_400).rounded(.down) * 86_400)
                for point in [bound, midnight, midnight.addingTimeInterval(86_400)] {
                    for offset in [-0.000_001, 0, 0.000_001] { try plant("edges", "fading", at: point.addingTimeInterval(offset)) }
                }
            }
        }

        var listedQuiet = 0, listedDropped = 0
        for window in Self.windows {
            let answer = try JSONValue.parse(try TeamGraphQueries(connection: f.db).quietJSON(window))
            let plain = try Self.plainCounts(f.db, window)
            let quiet = plain.filter { $0.value.0 == 0 }.map { "\($0.key) 0 \($0.value.1)" }.sorted()
            let dropped = plain.filter { $0.value.0 > 0 && $0.value.0 * 2 < $0.value.1 }.map { "\($0.key) \($0.value.0) \($0.value.1)" }.sorted()
            func listed(_ name: String) -> [String] {
                (answer[name]?.arrayValue ?? []).map {
                    "\($0["id"]?.stringValue ?? "") \($0["interactions"]?.intValue ?? -1) \($0["previous"]?.intValue ?? -1)"
                }.sorted()
            }
            #expect(listed("quiet") == quiet, "\(window)")
            #expect(listed("dropped") == dropped, "\(window)")
            listedQuiet += quiet.count
            listedDropped += dropped.count
        }
        // The windows do name members on both lists, so the comparison above is not of empty lists.
        #expect(listedQuiet > 0 && listedDropped > 0)
    }
}
