/// Why one upstream item could not become an `IssueRecord`. The harvester records it in
/// `harvest_errors` and goes on with the other items.
public struct NormalizationError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        /// The item is not a JSON object.
        case notAnObject
        /// Jira `key` or GitHub `number` is missing or has the wrong type.
        case missingKey
        /// A GitHub item with neither `repository_url` nor a webhook `repository.full_name`.
        case missingRepository
        /// `updated` / `updated_at` is missing.
        case missingUpdated
        /// A timestamp member is present but not a timestamp.
        case invalidTimestamp
    }

    public var code: Code
    public var source: IssueSource
    /// The item's key when it was known before the failure.
    public var itemKey: String?
    /// The member path that failed, e.g. `fields.updated`.
    public var field: String

    public init(code: Code, source: IssueSource, itemKey: String?, field: String) {
        self.code = code
        self.source = source
        self.itemKey = itemKey
        self.field = field
    }

    public var description: String {
        let item = itemKey.map { "\(source.rawValue) item \($0)" } ?? "\(source.rawValue) item"
        switch code {
        case .notAnObject: return "\(item): not a JSON object"
        case .missingKey: return "\(item): missing \(field)"
        case .missingRepository: return "\(item): no repository (\(field))"
        case .missingUpdated: return "\(item): missing \(field)"
        case .invalidTimestamp: return "\(item): \(field) is not a timestamp"
        }
    }
}
