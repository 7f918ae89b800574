/// A page that says why there is nothing to show (404, 403, 405, 503), in the dashboard's style.
public enum MessagePage {
    public static func render(title: String, message: String, viewer: DashboardViewer?) -> [UInt8] {
        DashboardLayout.page(title: title, section: nil, viewer: viewer) { html in
            html.element("p", text: message)
            html.raw("<p><a href=\"/ui/\">Back to the overview</a></p>")
        }
    }
}
