/// Recursive-descent parser for the JQL subset in docs/simulator.md. Anything outside it is a
/// `JQLError` whose message names the problem (the route answers it with 400).
public struct JQLParser {
    private var tokens: [JQLToken]
    private var index = 0

    public static func parse(_ text: String) throws(JQLError) -> JQLQuery {
        var parser = JQLParser(tokens: try JQLLexer.tokens(text))
        return try parser.query()
    }

    private init(tokens: [JQLToken]) {
        self.tokens = tokens
    }

    private var current: JQLToken { tokens[index] }

    private mutating func advance() -> JQLToken {
        defer { if index < tokens.count - 1 { index += 1 } }
        return tokens[index]
    }

    private mutating func query() throws(JQLError) -> JQLQuery {
        var condition: JQLExpression?
        if current.kind != .end && !current.isKeyword("ORDER") {
            condition = try orExpression()
        }
        var orderBy: [JQLOrder] = []
        if current.isKeyword("ORDER") {
            _ = advance()
            guard current.isKeyword("BY") else { throw .syntax("'by'", got: current) }
            _ = advance()
            repeat {
                if current.kind == .comma { _ = advance() }
                orderBy.append(try orderItem())
            } while current.kind == .comma
        }
        guard current.kind == .end else {
            throw .syntax("either 'AND', 'OR', 'ORDER BY' or the end of the query", got: current)
        }
        return JQLQuery(condition: condition, orderBy: orderBy)
    }

    private mutating func orderItem() throws(JQLError) -> JQLOrder {
        let token = advance()
        guard token.kind == .word || token.kind == .string else { throw .syntax("a field name", got: token) }
        guard let field = JQLField.byName[token.text.lowercased()] else { throw Self.unknownField(token.text) }
        guard field.isOrderable else {
            throw JQLError("ORDER BY '\(token.text)' is not supported by the simulator "
                           + "(supported: key, updated, created, resolved).")
        }
        var descending = false
        if current.isKeyword("DESC") { descending = true; _ = advance() } else if current.isKeyword("ASC") { _ = advance() }
        return JQLOrder(field: field, descending: descending)
    }

    private mutating func orExpression() throws(JQLError) -> JQLExpression {
        var expression = try andExpression()
        while current.isKeyword("OR") || (current.kind == .word && current.text == "||") {
            _ = advance()
            expression = .or(expression, try andExpression())
        }
        return expression
    }

    private mutating func andExpression() throws(JQLError) -> JQLExpression {
        var expression = try notExpression()
        while current.isKeyword("AND") || (current.kind == .word && current.text == "&&") {
            _ = advance()
            expression = .and(expression, try notExpression())
        }
        return expression
    }

    private mutating func notExpression() throws(JQLError) -> JQLExpression {
        if current.isKeyword("NOT") {
            _ = advance()
            return .not(try notExpression())
        }
        if current.kind == .openParen {
            _ = advance()
            let inner = try orExpression()
            guard current.kind == .closeParen else { throw .syntax("')'", got: current) }
            _ = advance()
            return inner
        }
        return .clause(try clause())
    }

    private mutating func clause() throws(JQLError) -> JQLClause {
        let fieldToken = advance()
        guard fieldToken.kind == .word || fieldToken.kind == .string else {
            throw .syntax("a field name", got: fieldToken)
        }
        guard let field = JQLField.byName[fieldToken.text.lowercased()] else { throw Self.unknownField(fieldToken.text) }
        let op = try operatorToken()
        try Self.check(op, on: field, name: fieldToken.text)
        let values: [JQLValue]
        switch op {
        case .isEmpty, .isNotEmpty:
            let token = advance()
            guard token.isKeyword("EMPTY") || token.isKeyword("NULL") else { throw .syntax("'EMPTY'", got: token) }
            values = [.empty]
        case .isIn, .notIn:
            if current.kind == .word, index + 1 < tokens.count, tokens[index + 1].kind == .openParen {
                values = [try value(for: field, name: fieldToken.text)]
                break
            }
            guard current.kind == .openParen else { throw .syntax("'('", got: current) }
            _ = advance()
            var list: [JQLValue] = []
            repeat {
                if current.kind == .comma { _ = advance() }
                list.append(try value(for: field, name: fieldToken.text))
            } while current.kind == .comma
            guard current.kind == .closeParen else { throw .syntax("')'", got: current) }
            _ = advance()
            values = list
        default:
            values = [try value(for: field, name: fieldToken.text)]
        }
        return JQLClause(field: field, op: op, values: values)
    }

    private mutating func operatorToken() throws(JQLError) -> JQLOperator {
        let token = advance()
        if token.kind == .op, let op = JQLOperator(rawValue: token.text) { return op }
        if token.isKeyword("IN") { return .isIn }
        if token.isKeyword("NOT") {
            guard current.isKeyword("IN") else { throw .syntax("'IN'", got: current) }
            _ = advance()
            return .notIn
        }
        if token.isKeyword("IS") {
            if current.isKeyword("NOT") { _ = advance(); return .isNotEmpty }
            return .isEmpty
        }
        if token.isKeyword("WAS") || token.isKeyword("CHANGED") {
            throw JQLError("The operator '\(token.text.uppercased())' is not supported by the simulator.")
        }
        throw .syntax("an operator", got: token)
    }

    private mutating func value(for field: JQLField, name: String) throws(JQLError) -> JQLValue {
        let token = advance()
        guard token.kind == .word || token.kind == .string else { throw .syntax("a value", got: token) }
        if token.kind == .word, current.kind == .openParen {
            _ = advance()
            guard current.kind == .closeParen else { throw .syntax("')'", got: current) }
            _ = advance()
            guard token.text.lowercased() == "currentuser", field == .assignee else {
                throw JQLError("Unable to find JQL function '\(token.text)()'.")
            }
            return .currentUser
        }
        if token.kind == .word, token.isKeyword("EMPTY") || token.isKeyword("NULL") { return .empty }
        if field.isDate, JQLDate(token.text) == nil {
            throw JQLError("Date value '\(token.text)' for field '\(name)' is invalid. Valid formats include: "
                           + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period "
                           + "format e.g. '-5d', '4w 2d'.")
        }
        if field == .key || field == .parent, JiraKey(token.text) == nil {
            throw JQLError("The issue key '\(token.text)' for field '\(name)' is invalid.")
        }
        return .text(token.text)
    }

    private static func check(_ op: JQLOperator, on field: JQLField, name: String) throws(JQLError) {
        let allowed: Bool
        switch op {
        case .greater, .greaterOrEqual, .less, .lessOrEqual: allowed = field.isOrdered
        case .contains, .notContains: allowed = field == .summary
        case .isEmpty, .isNotEmpty: allowed = field != .key && field != .project && field != .issuetype
        default: allowed = field != .summary
        }
        guard allowed else {
            throw JQLError("The operator '\(op.rawValue.uppercased())' is not supported by the '\(name)' field.")
        }
    }

    static func unknownField(_ name: String) -> JQLError {
        JQLError("Field '\(name)' does not exist or you do not have permission to view it.")
    }
}
