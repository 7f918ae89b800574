import TextUtilities

/// The opaque `cursor` of `/api/issues/keys`: the last key of a page, URL-safe base64 without padding.
enum IssueKeyCursor {
    static func encode(_ key: String) -> String {
        Base64URL.encode(Array(key.utf8))
    }

    static func decode(_ cursor: String) throws(APIError) -> String {
        guard cursor.utf8.count <= 1_024, let bytes = Base64URL.decode(cursor), !bytes.isEmpty, !bytes.contains(0),
              let key = String(validating: bytes, as: UTF8.self), encode(key) == cursor else {
            throw APIError.invalid("cursor", "not a cursor returned by this API (pass next_cursor unchanged)")
        }
        return key
    }
}
