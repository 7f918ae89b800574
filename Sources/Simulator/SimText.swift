/// Word lists for summaries, names and bodies. Nothing here may look like a Jira key
/// (`ABC-12`): GitHub texts are scanned for keys, so a stray match would plant a false link.
public enum SimText {
    static let firstNames = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald", "Margaret",
                             "Ken", "Radia", "Dennis", "Katherine", "Niklaus", "Hedy", "Leslie", "Sophie",
                             "Tim", "Anita", "John", "Jean", "Linus", "Shafi", "Bjarne", "Mary"]
    static let lastNames = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Knuth", "Hamilton",
                            "Thompson", "Perlman", "Ritchie", "Johnson", "Wirth", "Lamarr", "Lamport", "Wilson",
                            "Berners", "Borg", "Backus", "Sammet", "Torvalds", "Goldwasser", "Stroustrup", "Keller"]
    static let verbs = ["Add", "Fix", "Refactor", "Document", "Speed up", "Remove", "Migrate", "Validate",
                        "Expose", "Harden", "Simplify", "Cache", "Paginate", "Retry", "Log", "Test"]
    static let objects = ["login flow", "issue import", "release notes", "search page", "audit log",
                          "webhook handler", "settings screen", "export job", "rate limiter", "token refresh",
                          "hierarchy view", "anomaly report", "backup script", "team roster", "dashboard",
                          "notification mail", "retry policy", "health check", "API docs", "upgrade path"]
    static let qualifiers = ["for large teams", "on slow networks", "after reload", "in the admin area",
                             "for archived projects", "with unicode names", "behind the proxy", "per release",
                             "for new users", "under load", "when the token expires", "in dark mode"]
    static let products = ["Atlas", "Beacon", "Comet", "Delta", "Ember", "Fjord", "Granite", "Harbor"]
    static let extraLabels = ["backend", "frontend", "ux", "tech-debt", "customer", "security"]
    static let githubExtraLabels = ["bug", "enhancement", "documentation", "good first issue"]
    static let components = ["API", "Web", "Harvester", "Database", "Infra"]
    static let priorities = ["Highest", "High", "Medium", "Medium", "Medium", "Low", "Lowest"]

    /// Stand for bytes no Swift string holds, in the simulator's data: U+FDD0 for the lone
    /// surrogate escape `\ud83d` (half an emoji), U+FDD1 for the byte 0xFF (not UTF-8: the issue
    /// cannot be parsed). Both are noncharacters, meant for such internal use; API responses write
    /// the bytes, the dataset file keeps the characters.
    public static let loneSurrogatePlaceholder = Unicode.Scalar(0xFDD0 as UInt32)!
    public static let invalidBytePlaceholder = Unicode.Scalar(0xFDD1 as UInt32)!
    static let placeholderBytes: [Unicode.Scalar: [UInt8]] = [
        loneSurrogatePlaceholder: Array(#"\ud83d"#.utf8), invalidBytePlaceholder: [0xFF],
    ]

    /// What a text column holds for `text` (docs/normalization.md): U+FFFD for a NUL and for a
    /// lone surrogate.
    static func columnText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0 == "\u{0}" || $0 == loneSurrogatePlaceholder ? "\u{FFFD}" : $0
        }))
    }

    static func summary(_ random: inout SimRandom) -> String {
        "\(random.pick(verbs)) \(random.pick(objects)) \(random.pick(qualifiers))"
    }

    /// A UUID-shaped hex string, as in Jira Cloud account ids (`557058:…`).
    static func uuid(_ random: inout SimRandom) -> String {
        let a = random.next(), b = random.next()
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
