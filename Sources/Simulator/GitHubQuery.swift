import Foundation

/// A parsed `q` of GitHub's issue search: qualifiers (ANDed), negations with `-`, and bare
/// words searched in title and body. Unknown qualifiers are refused (GitHub would silently
/// search for them as text; refusing makes harvester mistakes visible).
public struct GitHubQuery: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var qualifier: String
        public var value: String
        public var negated: Bool
    }

    public var terms: [Term] = []
    public var words: [String] = []
    var ranges: [String: GitHubDateRange] = [:]

    static let qualifiers: Set<String> = ["label", "assignee", "author", "is", "type", "state", "repo", "org", "user",
                                          "milestone", "no", "created", "updated", "closed", "merged", "in"]

    public static func parse(_ text: String) throws(GitHubQueryError) -> GitHubQuery {
        var query = GitHubQuery()
        for raw in split(text) {
            var token = raw
            var negated = false
            if token.hasPrefix("-"), token.contains(":") { negated = true; token.removeFirst() }
            guard let colon = token.firstIndex(of: ":") else {
                query.words.append(unquote(token).lowercased())
                continue
            }
            let qualifier = token[..<colon].lowercased()
            let value = unquote(String(token[token.index(after: colon)...]))
            guard qualifiers.contains(qualifier) else {
                throw GitHubQueryError("The qualifier '\(qualifier)' is not supported by the simulator.")
            }
            guard !value.isEmpty else { throw GitHubQueryError("The qualifier '\(qualifier)' needs a value.") }
            if ["created", "updated", "closed", "merged"].contains(qualifier) {
                guard let range = GitHubDateRange(value) else {
                    throw GitHubQueryError("The value '\(value)' for '\(qualifier)' is not a date or date range.")
                }
                query.ranges[qualifier] = range
            }
            if qualifier == "is" || qualifier == "type" || qualifier == "state" {
                let allowed = ["issue", "pr", "pull-request", "open", "closed", "merged", "unmerged"]
                guard allowed.contains(value.lowercased()) else {
                    throw GitHubQueryError("The value '\(value)' for '\(qualifier)' is not supported.")
                }
            }
            query.terms.append(Term(qualifier: qualifier, value: value, negated: negated))
        }
        return query
    }

    public func matches(_ item: SimGitHubItem) -> Bool {
        for term in terms where test(term, item) == term.negated { return false }
        if !words.isEmpty {
            let text = (item.title + "\n" + item.body).lowercased()
            for word in words where !text.contains(word) { return false }
        }
        return true
    }

    private func test(_ term: Term, _ item: SimGitHubItem) -> Bool {
        let value = term.value.lowercased()
        switch term.qualifier {
        case "label": return item.labels.contains { $0.lowercased() == value }
        case "assignee": return value == "none" ? item.assignee == nil : item.assignee?.lowercased() == value
        case "author": return item.author.lowercased() == value
        case "repo": return item.repo.lowercased() == value
        case "org", "user": return item.repo.lowercased().hasPrefix(value + "/")
        case "milestone": return item.milestone?.lowercased() == value
        case "no":
            switch value {
            case "label": return item.labels.isEmpty
            case "assignee": return item.assignee == nil
            case "milestone": return item.milestone == nil
            default: return false
            }
        case "is", "type", "state":
            switch value {
            case "issue": return !item.isPullRequest
            case "pr", "pull-request": return item.isPullRequest
            case "open": return item.state == "open"
            case "closed": return item.state == "closed"
            case "merged": return item.merged != nil
            case "unmerged": return item.isPullRequest && item.merged == nil
            default: return false
            }
        case "created": return ranges["created"]?.contains(item.created) ?? false
        case "updated": return ranges["updated"]?.contains(item.updated) ?? false
        case "closed": return item.closed.map { ranges["closed"]?.contains($0) ?? false } ?? false
        case "merged": return item.merged.map { ranges["merged"]?.contains($0) ?? false } ?? false
        default: return true
        }
    }

    /// Splits on spaces outside double quotes (`label:"good first issue"` stays one token).
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for char in text {
            if char == "\"" { quoted.toggle(); current.append(char); continue }
            if char.isWhitespace && !quoted {
                if !current.isEmpty { tokens.append(current); current = "" }
                continue
            }
            current.append(char)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func unquote(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "")
    }
}

/// `>=D`, `>D`, `<=D`, `<D`, `D`, `D..D`, `D..*`, `*..D`; D is `YYYY-MM-DD` (a whole UTC day) or
/// an ISO 8601 time (`2026-01-01T10:00:00Z`, `+01:00` offsets allowed).
struct GitHubDateRange: Sendable, Equatable {
    /// Inclusive bounds in milliseconds.
    var lower: Int64
    var upper: Int64

    init?(_ text: String) {
        func bounds(_ part: String) -> (first: Int64, last: Int64)? {
            guard let start = SimTime.parse(part) else { return nil }
            let isDay = part.count == 10
            return (start, isDay ? start + SimTime.msPerDay - 1 : start)
        }
        let far = Int64.max / 4
        if let dots = text.range(of: "..") {
            let from = String(text[..<dots.lowerBound]), to = String(text[dots.upperBound...])
            let low = from == "*" ? -far : bounds(from)?.first
            let high = to == "*" ? far : bounds(to)?.last
            guard let low, let high else { return nil }
            (lower, upper) = (low, high)
        } else if text.hasPrefix(">=") {
            guard let b = bounds(String(text.dropFirst(2))) else { return nil }
            (lower, upper) = (b.first, far)
        } else if text.hasPrefix("<=") {
            guard let b = bounds(String(text.dropFirst(2))) else { return nil }
            (lower, upper) = (-far, b.last)
        } else if text.hasPrefix(">") {
            guard let b = bounds(String(text.dropFirst(1))) else { return nil }
            (lower, upper) = (b.last + 1, far)
        } else if text.hasPrefix("<") {
            guard let b = bounds(String(text.dropFirst(1))) else { return nil }
            (lower, upper) = (-far, b.first - 1)
        } else {
            guard let b = bounds(text) else { return nil }
            (lower, upper) = (b.first, b.last)
        }
    }

    func contains(_ ms: Int64) -> Bool { ms >= lower && ms <= upper }
}

public struct GitHubQueryError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
