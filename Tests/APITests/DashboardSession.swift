import API
import Foundation

/// A browser's view of the dashboard in process: cookies kept between requests, forms posted
/// with the CSRF token the last page carried.
final class DashboardBrowser {
    let fixture: APIFixture
    var cookies: [String: String] = [:]
    var overTLS = false

    init(_ fixture: APIFixture) { self.fixture = fixture }

    @discardableResult
    func request(_ method: String, _ target: String, form: [(String, String)]? = nil) -> TestResponse {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [(name: String, value: String)] = []
        if !cookies.isEmpty {
            headers.append(("cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")))
        }
        var body: [UInt8] = []
        if let form {
            headers.append(("content-type", "application/x-www-form-urlencoded"))
            body = Array(Self.encode(form).utf8)
        }
        var request = APIRequest(method: method, path: String(parts[0]), rawQuery: parts.count > 1 ? String(parts[1]) : "",
                                 headerFields: headers, body: body, remoteAddress: "127.0.0.1")
        request.overTLS = overTLS
        let response = TestResponse(fixture.app.handle(request))
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let cookieName = String(pair[0])
            if value.contains("Max-Age=0") { cookies[cookieName] = nil } else { cookies[cookieName] = String(pair[1]) }
        }
        return response
    }

    @discardableResult
    func get(_ target: String) -> TestResponse { request("GET", target) }

    /// Posts `fields` with the CSRF token of the page at `page`.
    @discardableResult
    func post(_ target: String, from page: String, _ fields: [(String, String)]) -> TestResponse {
        let token = Self.csrfToken(in: get(page).text) ?? ""
        return request("POST", target, form: [("csrf", token)] + fields)
    }

    /// Signs in with `key` through the login form.
    @discardableResult
    func logIn(key: String) -> TestResponse {
        let form = get("/ui/login")
        return request("POST", "/ui/login", form: [("csrf", Self.csrfToken(in: form.text) ?? ""), ("api_key", key)])
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}

/// A dashboard test's start: a seeded fixture of its own and a browser signed in to it.
struct SignedInDashboard {
    struct LoginFailed: Error { let status: Int }

    static func start(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        let fixture = try APIFixture(function: function)
        let browser = DashboardBrowser(fixture)
        let login = browser.logIn(key: fixture.key)
        guard login.status == 303 else { throw LoginFailed(status: login.status) }
        return (fixture, browser)
    }
}
