import Dashboard

extension APIResponse {
    /// No script or style but the dashboard's own files; no framing, no plugins, forms post
    /// only here. Inline SVG needs nothing more.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let pageSecurityHeaders: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]

    /// A dashboard page: not cached (it shows one person's session and live data).
    static func html(status: Int = 200, _ body: [UInt8], headers: [(String, String)] = []) -> APIResponse {
        APIResponse(status: status,
                    headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]
                        + pageSecurityHeaders + headers,
                    body: body)
    }

    /// 303: after a form, the browser loads `location` with GET (reloading it repeats nothing).
    static func seeOther(_ location: String, headers: [(String, String)] = []) -> APIResponse {
        APIResponse(status: 303, headers: [("Location", location), ("Cache-Control", "no-store")] + headers)
    }

    static func asset(_ asset: DashboardAssets.Asset) -> APIResponse {
        APIResponse(status: 200, headers: [("Content-Type", asset.contentType), ("Cache-Control", "public, max-age=3600"),
                                           ("X-Content-Type-Options", "nosniff")],
                    body: Array(asset.body.utf8))
    }
}
