/// A horizontal bar chart as inline SVG, drawn on the server: one labelled bar per value, its
/// figure written beside it, a `<title>` and `<desc>` for screen readers. Colours and fonts
/// come from the stylesheet (classes), so the page needs no inline style.
public struct BarChart {
    public typealias Bar = ChartValue

    public let title: String
    public let bars: [Bar]
    /// Distinguishes several charts on one page (ids of the title and description).
    public let id: String

    public init(id: String, title: String, bars: [Bar]) {
        self.id = id
        self.title = title
        self.bars = bars
    }

    static let rowHeight = 22, labelWidth = 210, barWidth = 300, figureWidth = 70

    public func write(into html: inout HTML) {
        let height = max(bars.count, 1) * Self.rowHeight + 4
        let width = Self.labelWidth + Self.barWidth + Self.figureWidth
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        ChartSVG.open(id: id, title: title, values: bars, width: width, height: height, into: &html)
        for (index, bar) in bars.enumerated() {
            let y = index * Self.rowHeight + 2
            let length = bar.value == 0 ? 0 : max(2, bar.value * Self.barWidth / largest)
            html.element("text", [("class", "label"), ("x", String(Self.labelWidth - 8)), ("y", String(y + 15)),
                                  ("text-anchor", "end")], text: bar.label)
            html.open("rect", [("class", "bar"), ("x", String(Self.labelWidth)), ("y", String(y + 3)),
                               ("width", String(length)), ("height", String(Self.rowHeight - 6))])
            html.close("rect")
            html.element("text", [("class", "figure"), ("x", String(Self.labelWidth + length + 6)), ("y", String(y + 15))],
                         text: String(bar.value))
        }
        html.close("svg")
    }
}
