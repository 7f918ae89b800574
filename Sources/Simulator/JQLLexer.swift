/// One lexical token of a JQL query; `position` is 1-based, as in Jira's messages.
struct JQLToken: Equatable {
    enum Kind: Equatable {
        case word
        case string
        case op
        case openParen, closeParen, comma
        case end
    }

    var kind: Kind
    var text: String
    var position: Int

    /// Keywords are case-insensitive and only count when unquoted.
    func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.uppercased() == keyword
    }
}

/// Splits JQL into words, quoted strings, operators and punctuation.
enum JQLLexer {
    static let operatorCharacters: Set<Character> = ["=", "!", "<", ">", "~"]

    static func tokens(_ text: String) throws(JQLError) -> [JQLToken] {
        let chars = Array(text)
        var tokens: [JQLToken] = []
        var index = 0
        while index < chars.count {
            let char = chars[index]
            let position = index + 1
            if char.isWhitespace {
                index += 1
            } else if char == "(" || char == ")" || char == "," {
                let kind: JQLToken.Kind = char == "(" ? .openParen : char == ")" ? .closeParen : .comma
                tokens.append(JQLToken(kind: kind, text: String(char), position: position))
                index += 1
            } else if char == "\"" || char == "'" {
                var value = ""
                index += 1
                while index < chars.count, chars[index] != char {
                    if chars[index] == "\\", index + 1 < chars.count { index += 1 }
                    value.append(chars[index])
                    index += 1
                }
                guard index < chars.count else {
                    throw JQLError("Error in the JQL Query: The quoted string starting at character "
                                   + "\(position) is not terminated.")
                }
                index += 1
                tokens.append(JQLToken(kind: .string, text: value, position: position))
            } else if operatorCharacters.contains(char) {
                var op = String(char)
                if index + 1 < chars.count, chars[index + 1] == "=" || (char == "!" && chars[index + 1] == "~") {
                    op.append(chars[index + 1])
                }
                guard ["=", "!=", "<", "<=", ">", ">=", "~", "!~"].contains(op) else {
                    throw JQLError("Error in the JQL Query: The character '\(char)' is a reserved JQL character. "
                                   + "(line 1, character \(position))")
                }
                tokens.append(JQLToken(kind: .op, text: op, position: position))
                index += op.count
            } else {
                var word = ""
                while index < chars.count, !chars[index].isWhitespace, !"(),\"'".contains(chars[index]),
                      !operatorCharacters.contains(chars[index]) {
                    word.append(chars[index])
                    index += 1
                }
                tokens.append(JQLToken(kind: .word, text: word, position: position))
            }
        }
        tokens.append(JQLToken(kind: .end, text: "", position: chars.count + 1))
        return tokens
    }
}
