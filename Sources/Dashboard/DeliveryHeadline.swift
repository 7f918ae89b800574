/// The overview's DORA headline: a few of the delivery page's figures over the last 90 days of
/// every repository's production deployments, each as `GET /api/metrics/dora` gives it.
enum DeliveryHeadline {
    static func write(_ figures: [DeliveryPage.Figure], into html: inout HTML) {
        html.element("p") { p in
            p.link(DashboardSection.delivery.path, text: "Delivery")
            p.raw(", all repositories' production deployments over the last 90 days:")
        }
        html.raw("<table id=\"dora-headline\"><tbody>")
        for figure in figures {
            html.element("tr", [("data-metric", figure.metric)]) { row in
                row.element("th", [("scope", "row")], text: figure.name)
                DeliveryPage.cell(figure, into: &row, withCounts: true)
            }
        }
        html.raw("</tbody></table>")
    }
}
