import Testing
@testable import Simulator

@Suite struct JQLParserTests {
    @Test func andBindsTighterThanOr() throws {
        let query = try JQLParser.parse("project = WSA OR project = WSB AND labels = x")
        guard case .or(_, .and) = query.condition else { Issue.record("got \(String(describing: query.condition))"); return }
    }

    @Test func parenthesesOverridePrecedence() throws {
        let query = try JQLParser.parse("(project = WSA OR project = WSB) AND labels = x")
        guard case .and(.or, _) = query.condition else { Issue.record("got \(String(describing: query.condition))"); return }
    }

    @Test func parsesInListsAndNotIn() throws {
        let query = try JQLParser.parse("parent in (WSA-1, \"WSA-2\") AND issuetype not in (Story, 10104)")
        guard case .and(.clause(let first), .clause(let second)) = query.condition else { Issue.record("shape"); return }
        #expect(first.op == .isIn && first.values == [.text("WSA-1"), .text("WSA-2")])
        #expect(second.op == .notIn && second.values == [.text("Story"), .text("10104")])
    }

    @Test func parsesIsEmptyAndIsNotEmpty() throws {
        let query = try JQLParser.parse("assignee IS EMPTY AND fixVersion is not empty")
        guard case .and(.clause(let first), .clause(let second)) = query.condition else { Issue.record("shape"); return }
        #expect(first.op == .isEmpty && first.field == .assignee)
        #expect(second.op == .isNotEmpty && second.field == .fixVersion)
    }

    @Test func parsesOrderByWithDirections() throws {
        let query = try JQLParser.parse("project = WSA ORDER BY updated DESC, key asc")
        #expect(query.orderBy == [JQLOrder(field: .updated, descending: true), JQLOrder(field: .key, descending: false)])
    }

    @Test func typeIsAnAliasOfIssuetype() throws {
        let query = try JQLParser.parse("type = \"Product Version\"")
        guard case .clause(let clause) = query.condition else { Issue.record("shape"); return }
        #expect(clause.field == .issuetype && clause.values == [.text("Product Version")])
    }

    @Test func unknownFieldIsNamed() {
        #expect(throws: JQLError("Field 'sprint' does not exist or you do not have permission to view it.")) {
            try JQLParser.parse("sprint = 5")
        }
    }

    @Test func unsupportedOperatorIsNamed() {
        #expect(throws: JQLError("The operator '>' is not supported by the 'labels' field.")) {
            try JQLParser.parse("labels > x")
        }
    }

    @Test func unknownFunctionIsNamed() {
        #expect(throws: JQLError("Unable to find JQL function 'openSprints()'.")) {
            try JQLParser.parse("assignee in openSprints()")
        }
    }

    @Test func invalidDateIsNamed() throws {
        let error = try #require(throws: JQLError.self) { try JQLParser.parse("updated >= \"yesterday\"") }
        #expect(error.message.hasPrefix("Date value 'yesterday' for field 'updated' is invalid."))
    }

    @Test func missingParenthesisGivesPosition() throws {
        let error = try #require(throws: JQLError.self) { try JQLParser.parse("(project = WSA") }
        #expect(error.message == "Error in the JQL Query: Expecting ')' but got the end of the query. (line 1, character 15)")
    }

    @Test func unsortableOrderByIsNamed() throws {
        let error = try #require(throws: JQLError.self) { try JQLParser.parse("project = WSA ORDER BY labels") }
        #expect(error.message.contains("ORDER BY 'labels' is not supported"))
    }
}
