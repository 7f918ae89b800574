/// One labelled figure of a chart: a bar of a `BarChart`, a column of a `ColumnChart`.
public struct ChartValue: Sendable {
    public let label: String
    public let value: Int
    public init(_ label: String, _ value: Int) {
        self.label = label
        self.value = value
    }
}

/// What every chart begins with: the `<svg>` element, its `<title>`, and a `<desc>` listing every
/// value for screen readers (the ids of both named by `aria-labelledby`).
enum ChartSVG {
    static func open(id: String, title: String, values: [ChartValue], width: Int, height: Int, into html: inout HTML) {
        html.open("svg", [("class", "chart"), ("role", "img"), ("viewBox", "0 0 \(width) \(height)"),
                          ("width", String(width)), ("height", String(height)),
                          ("aria-labelledby", "\(id)-title \(id)-desc"), ("xmlns", "http://www.w3.org/2000/svg")])
        html.element("title", [("id", "\(id)-title")], text: title)
        html.element("desc", [("id", "\(id)-desc")],
                     text: values.isEmpty ? "no data" : values.map { "\($0.label): \($0.value)" }.joined(separator: "; "))
    }
}
