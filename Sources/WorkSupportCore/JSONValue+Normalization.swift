import FoundationEssentials
import JSON

// Lenient readers for upstream items: a member of the wrong type reads as absent. Strings are
// read for text columns: the stored form's escapes (`StorableText`) as U+FFFD.
extension JSONValue {
    /// A string for a text column, or nil.
    var columnText: String? {
        stringValue.map(StorableText.columnText)
    }

    /// A non-empty string, or nil.
    var nonEmptyString: String? {
        guard let text = columnText, !text.isEmpty else { return nil }
        return text
    }

    /// The strings of an array (non-strings skipped); [] when this is not an array.
    var stringElements: [String] {
        arrayValue?.compactMap(\.columnText) ?? []
    }

    /// `member` of each object element of an array, in order; [] when this is not an array.
    func strings(ofMember member: String) -> [String] {
        arrayValue?.compactMap { $0[member]?.columnText } ?? []
    }

    /// An integer written as a number or as a decimal string (Jira sends ids as strings).
    var integerOrNumericString: Int? {
        if let value = intValue { return value }
        if let text = stringValue { return Int(text) }
        return nil
    }
}

/// Reads optional and required timestamps of one item, naming the failing member.
struct ItemTimestamps {
    let source: IssueSource
    let itemKey: String

    func optional(_ value: JSONValue?, field: String) throws(NormalizationError) -> Date? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue, let date = UpstreamTimestamp.parse(text) else {
            throw NormalizationError(code: .invalidTimestamp, source: source, itemKey: itemKey, field: field)
        }
        return date
    }

    func required(_ value: JSONValue?, field: String) throws(NormalizationError) -> Date {
        guard let date = try optional(value, field: field) else {
            throw NormalizationError(code: .missingUpdated, source: source, itemKey: itemKey, field: field)
        }
        return date
    }
}
