/// "Did you mean …" for unknown keys: the known key within edit distance 2, if any.
enum ConfigKeySuggestion {
    static let maximumDistance = 2

    static func closestKey(to key: String) -> String? {
        var best: (key: String, distance: Int)? = nil
        for candidate in candidates(for: key) {
            let distance = editDistance(key, candidate)
            if distance <= maximumDistance, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    /// Fixed keys, plus the pattern keys rebuilt around the id the user wrote, so a typo in the
    /// family or field name (`team.membr.jdoe.name`, `issue_type.10000.chidren`) still matches.
    private static func candidates(for key: String) -> [String] {
        var result = ConfigKey.all.map(\.name)
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count >= 4 {
            let id = parts[2..<(parts.count - 1)].joined(separator: ".")
            result += ConfigKeyPattern.teamMemberFields.map { "\(ConfigKeyPattern.teamMemberPrefix)\(id).\($0)" }
        }
        if parts.count >= 3 {
            let id = parts[1..<(parts.count - 1)].joined(separator: ".")
            result += ConfigKeyPattern.issueTypeFields.map { "\(ConfigKeyPattern.issueTypePrefix)\(id).\($0)" }
        }
        return result
    }

    /// Levenshtein distance over Characters; keys are short, so the two-row table is plenty.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
