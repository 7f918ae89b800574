import FoundationEssentials

/// The opaque `cursor` of `/api/issues/keys`: the last key of a page, URL-safe base64 without padding.
enum IssueKeyCursor {
    static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
            .replacing("+", with: "-")
            .replacing("/", with: "_")
            .replacing("=", with: "")
    }

    static func decode(_ cursor: String) throws(APIError) -> String {
        var base64 = cursor.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cursor.utf8.count <= 1_024, !cursor.contains("="),
              let data = Data(base64Encoded: base64), !data.isEmpty,
              let key = String(data: data, encoding: .utf8), !key.utf8.contains(0), encode(key) == cursor else {
            throw APIError.invalid("cursor", "not a cursor returned by this API (pass next_cursor unchanged)")
        }
        return key
    }
}
