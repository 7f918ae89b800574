/// An HTML document under construction. Markup (tag and attribute names, fixed text) can only be
/// a `StaticString` written into this module's source; every runtime value goes through
/// `text` or an attribute value and is escaped on the way in, so no harvested summary, note or
/// key can open a tag or leave an attribute.
public struct HTML {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 32_768) { bytes.reserveCapacity(capacity) }

    /// Markup from this module's source.
    public mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value as text: `&`, `<`, `>`, `"` and `'` escaped (safe in text and in quoted attributes).
    public mutating func text(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: [38, 97, 109, 112, 59])              // &amp;
            case UInt8(ascii: "<"): bytes.append(contentsOf: [38, 108, 116, 59])                  // &lt;
            case UInt8(ascii: ">"): bytes.append(contentsOf: [38, 103, 116, 59])                  // &gt;
            case UInt8(ascii: "\""): bytes.append(contentsOf: [38, 113, 117, 111, 116, 59])       // &quot;
            case UInt8(ascii: "'"): bytes.append(contentsOf: [38, 35, 51, 57, 59])                // &#39;
            default: bytes.append(byte)
            }
        }
    }

    public mutating func text(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }
    public mutating func text(_ value: Int64) { bytes.append(contentsOf: String(value).utf8) }

    /// `<tag a="v" …>`; attribute values escaped.
    public mutating func open(_ tag: StaticString, _ attributes: [(StaticString, String)] = []) {
        raw("<")
        raw(tag)
        for (name, value) in attributes {
            raw(" ")
            raw(name)
            raw("=\"")
            text(value)
            raw("\"")
        }
        raw(">")
    }

    public mutating func close(_ tag: StaticString) {
        raw("</")
        raw(tag)
        raw(">")
    }

    /// `<tag …>text</tag>`.
    public mutating func element(_ tag: StaticString, _ attributes: [(StaticString, String)] = [], text value: String) {
        open(tag, attributes)
        text(value)
        close(tag)
    }

    /// `<tag …>…</tag>` with content written by `body`.
    public mutating func element(_ tag: StaticString, _ attributes: [(StaticString, String)] = [],
                                 _ body: (inout HTML) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// A link to a dashboard path (built with `DashboardPath`).
    public mutating func link(_ path: String, text value: String, _ attributes: [(StaticString, String)] = []) {
        element("a", [("href", path)] + attributes, text: value)
    }

    /// A link to an upstream page (Jira, GitHub) when `url` is http or https; the text alone
    /// otherwise, so a `javascript:` URL in harvested data is never clickable.
    public mutating func externalLink(_ url: String?, text value: String, label: String? = nil) {
        guard let url, let safe = Self.webURL(url) else { text(value); return }
        var attributes: [(StaticString, String)] = [("href", safe), ("rel", "noopener noreferrer external")]
        if let label { attributes.append(("aria-label", label)) }
        element("a", attributes, text: value)
    }

    /// The URL when its scheme is http or https (case-insensitive), else nil.
    public static func webURL(_ url: String) -> String? {
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }
}
