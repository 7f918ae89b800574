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
