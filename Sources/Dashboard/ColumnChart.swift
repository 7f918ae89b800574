/// Values over time as inline SVG columns, oldest on the left: a `<title>` and a `<desc>` listing
/// every point for screen readers, each column's own `<title>` (a tooltip), the largest value
/// on the axis and a few time labels. For figures over runs or weeks (runs, flow, delivery).
public struct ColumnChart {
    public typealias Point = ChartValue

    public let id: String
    public let title: String
    public let points: [Point]

    public init(id: String, title: String, points: [Point]) {
        self.id = id
        self.title = title
        self.points = points
    }

    static let width = 640, height = 160, axisWidth = 48, labelHeight = 18

    public func write(into html: inout HTML) {
        let plotWidth = Self.width - Self.axisWidth, plotHeight = Self.height - Self.labelHeight - 4
        let largest = max(points.map(\.value).max() ?? 0, 1)
        let step = points.isEmpty ? 0 : min(plotWidth / points.count, 40)
        ChartSVG.open(id: id, title: title, values: points, width: Self.width, height: Self.height, into: &html)
        html.element("text", [("class", "label"), ("x", String(Self.axisWidth - 6)), ("y", "14"), ("text-anchor", "end")],
                     text: String(largest))
        html.element("text", [("class", "label"), ("x", String(Self.axisWidth - 6)), ("y", String(plotHeight)), ("text-anchor", "end")],
                     text: "0")
        // At most four time labels, and none closer than 150 units, so they never overlap.
        let labelEvery = max(1, (points.count + 3) / 4, step == 0 ? 1 : (150 + step - 1) / step)
        for (index, point) in points.enumerated() {
            let x = Self.axisWidth + index * step
            let length = point.value == 0 ? 0 : max(1, point.value * (plotHeight - 4) / largest)
            html.open("rect", [("class", "bar"), ("x", String(x + 1)), ("y", String(plotHeight - length)),
                               ("width", String(max(step - 2, 1))), ("height", String(length))])
            html.element("title", text: "\(point.label): \(point.value)")
            html.close("rect")
            if index % labelEvery == 0 {
                html.element("text", [("class", "label"), ("x", String(x + 1)), ("y", String(Self.height - 4))], text: point.label)
            }
        }
        html.close("svg")
    }
}
