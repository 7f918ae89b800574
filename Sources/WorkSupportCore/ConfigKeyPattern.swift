/// The key families whose middle part is chosen by the user: `team.member.<id>.<field>` and
/// `issue_type.<numeric id>.<field>`.
enum ConfigKeyPattern {
    static let teamMemberPrefix = "team.member."
    static let teamMemberFields = ["name", "jira_id", "github_id", "slack_id", "role"]
    static let issueTypePrefix = "issue_type."
    static let issueTypeFields = ["name", "children"]

    /// Splits `<prefix><id>.<field>` into its id and field; nil when the key has another shape.
    static func split(_ key: String, prefix: String) -> (id: String, field: String)? {
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard let dot = rest.lastIndex(of: ".") else { return nil }
        return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
    }

    static func isValidTeamMemberID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-")
        }
    }

    /// Jira issue type ids are decimal numbers; leading zeros are refused so that `010` and `10`
    /// cannot name the same type through two different keys.
    static func issueTypeID(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              text.count == 1 || text.first != "0" else { return nil }
        return Int(text)
    }

    /// Accepts known keys silently; anything else becomes an error that names the key.
    static func validate(_ key: String, line: Int, file: String) throws(ConfigError) {
        if ConfigKey.byName[key] != nil { return }
        if let (id, field) = split(key, prefix: teamMemberPrefix), teamMemberFields.contains(field) {
            guard isValidTeamMemberID(id) else {
                throw ConfigError(
                    code: .invalidIdentifier, file: file, line: line, key: key,
                    message: "\(key): team member id '\(id)' may only contain letters, digits, '_' and '-'")
            }
            return
        }
        if let (id, field) = split(key, prefix: issueTypePrefix), issueTypeFields.contains(field) {
            guard issueTypeID(id) != nil else {
                throw ConfigError(
                    code: .invalidIdentifier, file: file, line: line, key: key,
                    message: "\(key): issue type id '\(id)' must be a decimal number without leading zeros")
            }
            return
        }
        var message = "unknown key '\(key)'"
        if let suggestion = ConfigKeySuggestion.closestKey(to: key) {
            message += " (did you mean '\(suggestion)'?)"
        }
        throw ConfigError(code: .unknownKey, file: file, line: line, key: key, message: message)
    }
}
