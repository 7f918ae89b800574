/// The signed-in person a page is rendered for, and the CSRF token its forms carry.
public struct DashboardViewer: Sendable {
    public let name: String
    public let csrfToken: String

    public init(name: String, csrfToken: String) {
        self.name = name
        self.csrfToken = csrfToken
    }
}

/// A line above a page's content: what an action did, or why a filter was ignored.
public struct DashboardNotice: Sendable, Equatable {
    public enum Kind: Sendable { case info, warning }
    public let kind: Kind
    public let text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// The pages in the navigation bar, in order. A new page is a case here and a page file.
public enum DashboardSection: CaseIterable, Sendable {
    case overview, runs, anomalies, hierarchy, flow, delivery, team

    public var title: String {
        switch self {
        case .overview: "Overview"
        case .runs: "Harvest runs"
        case .anomalies: "Anomalies"
        case .hierarchy: "Hierarchy"
        case .flow: "Flow"
        case .delivery: "Delivery"
        case .team: "Team"
        }
    }

    public var path: String {
        switch self {
        case .overview: DashboardPath.root
        case .runs: DashboardPath.runs
        case .anomalies: DashboardPath.anomalies
        case .hierarchy: DashboardPath.hierarchy
        case .flow: "/ui/flow"
        case .delivery: "/ui/delivery"
        case .team: "/ui/team"
        }
    }
}

/// The frame every page shares: head (stylesheet, deferred script, icon), navigation, notices.
/// No inline script or style anywhere, so the Content-Security-Policy can forbid both.
public enum DashboardLayout {
    public static func page(title: String, section: DashboardSection?, viewer: DashboardViewer?,
                            notices: [DashboardNotice] = [], _ body: (inout HTML) -> Void) -> [UInt8] {
        var html = HTML()
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.element("title", text: title + " · WorkSupport")
        html.open("link", [("rel", "stylesheet"), ("href", DashboardPath.stylesheet)])
        html.open("link", [("rel", "icon"), ("href", DashboardPath.icon), ("type", "image/svg+xml")])
        html.open("script", [("src", DashboardPath.script), ("defer", "defer")])
        html.close("script")
        html.raw("</head><body><header><a class=\"brand\" href=\"/ui/\">WorkSupport</a>")
        if let viewer {
            html.raw("<nav aria-label=\"Dashboard\"><ul>")
            for item in DashboardSection.allCases {
                var attributes: [(StaticString, String)] = [("href", item.path)]
                if item == section { attributes.append(("aria-current", "page")) }
                html.element("li") { $0.element("a", attributes, text: item.title) }
            }
            html.raw("</ul></nav><div class=\"viewer\">")
            html.element("span", [("class", "who")], text: viewer.name)
            DashboardForm.post(DashboardPath.logout, viewer: viewer, into: &html) { form in
                form.raw("<button type=\"submit\" class=\"link\">Log out</button>")
            }
            html.raw("</div>")
        }
        html.raw("</header><main>")
        html.element("h1", text: title)
        for notice in notices {
            html.element("p", [("class", notice.kind == .info ? "notice" : "notice warning"), ("role", "status")],
                         text: notice.text)
        }
        body(&html)
        html.raw("</main></body></html>\n")
        return html.bytes
    }
}

/// Forms that change something: POST, with the session's CSRF token.
public enum DashboardForm {
    public static func post(_ action: String, viewer: DashboardViewer, class name: String? = nil, into html: inout HTML,
                            _ fields: (inout HTML) -> Void) {
        var attributes: [(StaticString, String)] = [("method", "post"), ("action", action)]
        if let name { attributes.append(("class", name)) }
        html.open("form", attributes)
        html.open("input", [("type", "hidden"), ("name", "csrf"), ("value", viewer.csrfToken)])
        fields(&html)
        html.close("form")
    }
}
