/// Small lexical helpers over JQL text: find clauses outside quoted strings and parentheses.
enum JQLText {
    /// `jql` without a trailing top-level `ORDER BY …`, trimmed.
    static func removingOrderBy(_ jql: String) -> String {
        let scalars = Array(jql.unicodeScalars)
        var cut: Int?
        scanTopLevel(scalars) { index in
            if matchesWord("ORDER", in: scalars, at: index) {
                var next = index + 5
                while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
                if next > index + 5, matchesWord("BY", in: scalars, at: next) { cut = index }
            }
        }
        let kept = cut.map { Array(scalars[..<$0]) } ?? scalars
        var text = String(String.UnicodeScalarView(kept))
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.removeLast() }
        while let first = text.unicodeScalars.first, first.properties.isWhitespace { text.removeFirst() }
        return text
    }

    /// Whether `jql` has an `OR` outside parentheses and quotes, so that appending `AND …` would
    /// bind to its last operand only.
    static func hasTopLevelOr(_ jql: String) -> Bool {
        let scalars = Array(jql.unicodeScalars)
        var found = false
        scanTopLevel(scalars) { index in
            if matchesWord("OR", in: scalars, at: index) { found = true }
        }
        return found
    }

    /// Calls `visit` for every index outside quotes and at parenthesis depth 0.
    private static func scanTopLevel(_ scalars: [Unicode.Scalar], _ visit: (Int) -> Void) {
        var quote: Unicode.Scalar?
        var depth = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 2; continue }
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                visit(index)
            }
            index += 1
        }
    }

    /// `word` (ASCII, any case) at `index`, standing alone (not inside a longer identifier).
    private static func matchesWord(_ word: String, in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let letters = Array(word.unicodeScalars)
        guard index + letters.count <= scalars.count else { return false }
        for (offset, letter) in letters.enumerated()
        where scalars[index + offset].properties.uppercaseMapping != String(letter) {
            return false
        }
        func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
        }
        if index > 0, isIdentifier(scalars[index - 1]) { return false }
        let after = index + letters.count
        if after < scalars.count, isIdentifier(scalars[after]) { return false }
        return true
    }

    /// A JQL string literal: double quotes, with `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
