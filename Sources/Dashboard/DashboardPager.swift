/// Where a page of a long list sits (`51–100 of 2,322`) and the links to its neighbours. The
/// lists are paged by key (after the last row shown, before the first), so a page costs the
/// same wherever it is and rows added meanwhile shift nothing already read.
public struct DashboardPager: Sendable, Equatable {
    /// 1-based position of the page's first row in the whole list.
    public var first: Int
    public var shown: Int
    public var total: Int
    /// The previous and next page (filters kept), nil at either end.
    public var previous: String?
    public var next: String?

    public init(first: Int, shown: Int, total: Int, previous: String?, next: String?) {
        self.first = first
        self.shown = shown
        self.total = total
        self.previous = previous
        self.next = next
    }

    /// The pager of a page of `shown` rows, `preceding` rows before it: the previous page ends
    /// before the page's first row (`head`), the next starts after its last (`tail`);
    /// `link(name, row)` makes the address, `name` being `before` or `after`.
    public init(preceding: Int, shown: Int, total: Int, head: String?, tail: String?, link: (String, String) -> String) {
        self.init(first: preceding + 1, shown: shown, total: total,
                  previous: preceding > 0 ? head.map { link("before", $0) } : nil,
                  next: preceding + shown < total ? tail.map { link("after", $0) } : nil)
    }

    /// `1–50 of 2322 anomalies`, or `3 anomalies` when one page holds them all.
    public func summary(noun: String) -> String {
        shown == total ? "\(total) \(noun)" : "\(first)–\(first + shown - 1) of \(total) \(noun)"
    }

    /// The count (with `id`) and the links, in a `<nav>`.
    public func write(noun: String, id: String, previousLabel: String, nextLabel: String, into html: inout HTML) {
        html.raw("<nav class=\"pager\" aria-label=\"pages\">")
        html.element("span", [("class", "muted"), ("id", id)], text: summary(noun: noun))
        if let previous { html.link(previous, text: "← " + previousLabel, [("rel", "prev")]) }
        if let next { html.link(next, text: nextLabel + " →", [("rel", "next")]) }
        html.raw("</nav>")
    }
}
