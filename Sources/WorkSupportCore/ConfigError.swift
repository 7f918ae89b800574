/// A problem in the properties file or in an environment override, located so a user can fix it.
///
/// `description` is `<file>:<line>: <message>` when the problem sits on a line of the file and
/// `<file>: <message>` otherwise (missing keys, values from the environment).
public struct ConfigError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        case malformedLine
        case duplicateKey
        case unknownKey
        case missingRequiredKey
        case emptyValue
        case invalidURL
        case invalidInteger
        case outOfRange
        case invalidDatabaseURL
        case invalidPath
        case invalidPattern
        case invalidIdentifier
        case incompleteTeamMember
        case duplicateMemberAccount
        case incompleteIssueType
        case invalidIssueTypeList
        case undefinedChildType
        case hierarchyCycle
    }

    public var code: Code
    /// The properties file as the user named it.
    public var file: String
    /// 1-based line in `file`; nil for missing keys and values that came from the environment.
    public var line: Int?
    /// The key concerned, when there is one.
    public var key: String?
    /// The text after the location prefix.
    public var message: String

    public init(code: Code, file: String, line: Int?, key: String?, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
