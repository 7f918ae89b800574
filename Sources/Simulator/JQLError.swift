/// Why a JQL query was refused; `message` is what Jira's `errorMessages` carries.
public struct JQLError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    static func syntax(_ expected: String, got token: JQLToken) -> JQLError {
        let found = token.kind == .end ? "the end of the query" : "'\(token.text)'"
        return JQLError("Error in the JQL Query: Expecting \(expected) but got \(found). "
                        + "(line 1, character \(token.position))")
    }
}
