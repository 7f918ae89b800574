@testable import API
import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore

@Suite struct DashboardPageTests {
    static let pages = ["/ui/", "/ui/runs", "/ui/runs/2", "/ui/anomalies", "/ui/anomalies/1", "/ui/hierarchy",
                        "/ui/hierarchy?root_key=PV-1", "/ui/issues/PV-1", "/ui/issues/acme%2Fapi%231",
                        "/ui/flow", "/ui/delivery", "/ui/team"]

    func signedIn(function: String = #function) throws -> (APIFixture, DashboardBrowser) {
        try SignedInDashboard.start(function: function)
    }

    @Test func everyPageAnswersHTMLWithTheSecurityHeaders() throws {
        let (_, browser) = try signedIn()
        for page in Self.pages {
            let response = browser.get(page)
            #expect(response.status == 200, "\(page): \(response.text.prefix(300))")
            #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(page)")
            #expect(response.header("Content-Security-Policy")?.contains("script-src 'self'") == true, "\(page)")
            #expect(response.header("Cache-Control") == "no-store", "\(page)")
            #expect(!response.text.contains("style=\""), "\(page) has an inline style")
            #expect(!response.text.contains("<script>"), "\(page) has an inline script")
        }
    }

    @Test func withoutASessionEveryPageRedirectsToLogin() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        for page in Self.pages {
            let response = browser.get(page)
            #expect(response.status == 303, "\(page)")
            #expect(response.header("Location") == "/ui/login", "\(page)")
        }
    }

    @Test func loginSetsAnHttpOnlyStrictCookieAndStoresOnlyItsHash() throws {
        let (fixture, browser) = try signedIn()
        let token = try #require(browser.cookies["ws_session"])
        #expect(token.count == 64)
        let stored = try fixture.connection.query("SELECT token_hash FROM ui_sessions").map { try $0.get("token_hash", as: String.self) }
        #expect(stored == [SecretDigest.sha256Hex(token)])
        #expect(browser.cookies["ws_login"] == nil, "the login form's token is cleared")

        let again = DashboardBrowser(fixture)
        let login = again.logIn(key: fixture.key)
        let cookie = try #require(login.headers.first { $0.0 == "Set-Cookie" && $0.1.hasPrefix("ws_session=") }?.1)
        #expect(cookie.hasSuffix("; Path=/ui/; HttpOnly; SameSite=Strict; Max-Age=43200"))
        #expect(login.header("Location") == "/ui/")
    }

    @Test func cookieIsSecureWhenTheRequestCameOverTLS() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        browser.overTLS = true
        let login = browser.logIn(key: fixture.key)
        let cookie = try #require(login.headers.first { $0.0 == "Set-Cookie" && $0.1.hasPrefix("ws_session=") }?.1)
        #expect(cookie.hasSuffix("; Secure"))
    }

    @Test func revokedOrWrongKeyIsRefusedWithoutASession() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        let revoked = browser.logIn(key: fixture.revokedKey)
        #expect(revoked.status == 401)
        #expect(revoked.text.contains("not valid, or it was revoked"))
        #expect(browser.logIn(key: "wsk_forged").status == 401)
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM ui_sessions")[0].get("n", as: Int.self) == 0)
    }

    @Test func loginWithoutItsFormTokenIs403() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        let response = browser.request("POST", "/ui/login", form: [("api_key", fixture.key)])
        #expect(response.status == 403)
        browser.cookies["ws_login"] = ""
        #expect(browser.request("POST", "/ui/login", form: [("csrf", ""), ("api_key", fixture.key)]).status == 403,
                "an empty token matches nothing")
        browser.cookies["ws_login"] = String(repeating: "a", count: 64)
        #expect(browser.request("POST", "/ui/login", form: [("csrf", String(repeating: "b", count: 64)), ("api_key", fixture.key)]).status == 403)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM ui_sessions")[0].get("n", as: Int.self) == 0)
    }

    @Test func logoutEndsTheSessionForGood() throws {
        let (fixture, browser) = try signedIn()
        let token = try #require(browser.cookies["ws_session"])
        let logout = browser.post("/ui/logout", from: "/ui/", [])
        #expect(logout.status == 303)
        #expect(logout.header("Location") == "/ui/login")
        browser.cookies["ws_session"] = token   // a copy of the cookie kept after logout
        #expect(browser.get("/ui/").status == 303)
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM ui_sessions")[0].get("n", as: Int.self) == 0)
    }

    @Test func expiredSessionRedirectsToLogin() throws {
        let (fixture, browser) = try signedIn()
        #expect(browser.get("/ui/").status == 200)
        try fixture.connection.execute("UPDATE ui_sessions SET expires_at = now() - interval '1 second'")
        let response = browser.get("/ui/")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/ui/login")
    }

    @Test func sessionEndsWhenItsKeyIsRevoked() throws {
        let (fixture, browser) = try signedIn()
        try fixture.connection.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'tests'")
        #expect(browser.get("/ui/anomalies").status == 303)
    }

    @Test func forgedSessionCookiesRedirectToLogin() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        for forged in [String(repeating: "ab", count: 32), "<script>", "", String(repeating: "A", count: 64)] {
            browser.cookies["ws_session"] = forged
            let response = browser.get("/ui/")
            #expect(response.status == 303, "\(forged)")
            #expect(response.header("Location") == "/ui/login")
        }
    }

    @Test func formsWithAForgedOrExpiredSessionRedirectToLoginAndChangeNothing() throws {
        let (fixture, browser) = try signedIn()
        let token = try #require(DashboardBrowser.csrfToken(in: browser.get("/ui/anomalies").text))
        try fixture.connection.execute("UPDATE ui_sessions SET expires_at = now() - interval '1 second'")
        let expired = browser.request("POST", "/ui/anomalies/acknowledge", form: [("csrf", token), ("id", "1"), ("note", "late")])
        #expect(expired.status == 303)
        #expect(expired.header("Location") == "/ui/login")
        browser.cookies["ws_session"] = String(repeating: "cd", count: 32)
        let forged = browser.request("POST", "/ui/runs/reload", form: [("csrf", token)])
        #expect(forged.status == 303)
        #expect(forged.header("Location") == "/ui/login")
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM anomalies WHERE acknowledged_at IS NOT NULL")[0]
                    .get("n", as: Int.self) == 0)
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM reload_requests")[0].get("n", as: Int.self) == 2)
    }

    @Test func formsWithoutTheSessionsCSRFTokenAre403AndChangeNothing() throws {
        let (fixture, browser) = try signedIn()
        let other = DashboardBrowser(fixture)
        other.logIn(key: fixture.key)
        let otherToken = try #require(DashboardBrowser.csrfToken(in: other.get("/ui/").text))
        for form in [[("id", "1")], [("id", "1"), ("csrf", "")], [("id", "1"), ("csrf", otherToken)]] {
            let response = browser.request("POST", "/ui/anomalies/acknowledge", form: form)
            #expect(response.status == 403)
            #expect(response.text.contains("no valid CSRF token"))
        }
        #expect(browser.request("POST", "/ui/runs/reload", form: []).status == 403)
        #expect(browser.request("POST", "/ui/logout", form: []).status == 403)
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM anomalies WHERE acknowledged_at IS NOT NULL")[0]
                    .get("n", as: Int.self) == 0)
        #expect(try fixture.connection.query("SELECT count(*) AS n FROM reload_requests")[0].get("n", as: Int.self) == 2)
    }

    @Test func hostileSummariesAndURLsAreEscapedOnEveryPage() throws {
        let (fixture, browser) = try signedIn()
        try fixture.connection.execute("""
            UPDATE issues SET summary = '<script>alert(1)</script>', url = 'javascript:alert(1)' WHERE issue_key = 'UNK-1';
            UPDATE issues SET summary = '"><img src=x onerror=alert(2)>' WHERE issue_key = 'FEAT-1';
            UPDATE anomalies SET details = '{"x": "</code><script>alert(3)</script>"}' WHERE issue_key = 'UNK-1';
            UPDATE harvest_errors SET reason = '<b onmouseover=alert(4)>' WHERE item_key = 'FEAT-9';
            """)
        for page in ["/ui/issues/UNK-1", "/ui/issues/FEAT-1", "/ui/issues/STORY-1", "/ui/hierarchy?root_key=PV-1",
                     "/ui/anomalies", "/ui/anomalies/1", "/ui/runs/2", "/ui/issues/%3Cscript%3E"] {
            let text = browser.get(page).text
            #expect(!text.contains("<script>alert"), "\(page)")
            #expect(!text.contains("<img src=x"), "\(page)")
            #expect(!text.contains("<b onmouseover"), "\(page)")
            #expect(!text.contains("href=\"javascript:"), "\(page)")
        }
        #expect(browser.get("/ui/issues/UNK-1").text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(browser.get("/ui/hierarchy?root_key=PV-1").text.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test func unknownIdsAndPathsGetTheNotFoundPage() throws {
        let (_, browser) = try signedIn()
        let cases = ["/ui/anomalies/999999": "There is no anomaly 999999.", "/ui/anomalies/abc": "There is no anomaly abc.",
                     "/ui/runs/77": "There is no harvest run 77.", "/ui/issues/NOPE-1": "There is no issue with the key NOPE-1.",
                     "/ui/nowhere": "There is no dashboard page at this address."]
        for (page, message) in cases {
            let response = browser.get(page)
            #expect(response.status == 404, "\(page)")
            #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(page)")
            #expect(response.text.contains(message), "\(page)")
            #expect(response.text.contains("<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">"), "same style")
        }
        let missing = browser.post("/ui/anomalies/acknowledge", from: "/ui/anomalies", [("id", "424242"), ("note", "x")])
        #expect(missing.status == 404)
        #expect(missing.text.contains("There is no anomaly 424242."))
        #expect(missing.text.contains("<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">"), "same style")
        for id in ["424242", "abc", "-1"] {
            let reopen = browser.post("/ui/anomalies/reopen", from: "/ui/anomalies", [("id", id)])
            #expect(reopen.status == 404, "\(id)")
            #expect(reopen.text.contains("There is no anomaly \(id)."), "\(id)")
        }
    }

    @Test func unknownFiltersAreNamedOnThePage() throws {
        let (_, browser) = try signedIn()
        let anomalies = browser.get("/ui/anomalies?kind=bogus&colour=red&status=weird")
        #expect(anomalies.status == 200)
        #expect(anomalies.text.contains("Unknown kind &#39;bogus&#39; ignored"))
        #expect(anomalies.text.contains("Unknown filter &#39;colour&#39; ignored"))
        #expect(anomalies.text.contains("Unknown status &#39;weird&#39; ignored"))
        let runs = browser.get("/ui/runs?status=%ZZ")
        #expect(runs.status == 200)
        #expect(runs.text.contains("malformed query"))
        let tree = browser.get("/ui/hierarchy?root_key=NOPE-9")
        #expect(tree.text.contains("No issue has the key &#39;NOPE-9&#39;."))
        #expect(tree.text.contains("data-key=\"PV-1\""), "and the roots to choose from")
        let hierarchy = browser.get("/ui/hierarchy?root_key=PV-1&depth=3")
        #expect(hierarchy.text.contains("Unknown filter &#39;depth&#39; ignored"))
    }

    @Test func acknowledgingRecordsWhoAndWhenAndLeavesTheOpenListUntilTheAnomalyChanges() throws {
        let (fixture, browser) = try signedIn()
        #expect(browser.get("/ui/anomalies").text.contains("data-anomaly=\"3\""))
        let done = browser.post("/ui/anomalies/acknowledge", from: "/ui/anomalies", [("id", "3"), ("note", "parent moved to <other> project")])
        #expect(done.status == 303)
        #expect(done.header("Location") == "/ui/anomalies/3")
        let row = try fixture.connection.query("""
            SELECT acknowledged_by, note, acknowledged_at >= now() - interval '1 minute' AS recent FROM anomalies WHERE id = 3
            """)[0]
        #expect(try row.get("acknowledged_by", as: String.self) == "tests")
        #expect(try row.get("note", as: String.self) == "parent moved to <other> project")
        #expect(try row.get("recent", as: Bool.self))
        #expect(!browser.get("/ui/anomalies").text.contains("data-anomaly=\"3\""))
        let acknowledged = browser.get("/ui/anomalies?status=acknowledged").text
        #expect(acknowledged.contains("data-anomaly=\"3\""))
        #expect(acknowledged.contains("Acknowledged by tests"))
        #expect(acknowledged.contains("<q>parent moved to &lt;other&gt; project</q>"))
    }

    @Test func reopenPutsAnAcknowledgedAnomalyBackOnTheOpenList() throws {
        let (fixture, browser) = try signedIn()
        browser.post("/ui/anomalies/acknowledge", from: "/ui/anomalies/1", [("id", "1"), ("note", "")])
        #expect(!browser.get("/ui/anomalies").text.contains("data-anomaly=\"1\""))
        #expect(browser.post("/ui/anomalies/reopen", from: "/ui/anomalies/1", [("id", "1")]).status == 303)
        #expect(browser.get("/ui/anomalies").text.contains("data-anomaly=\"1\""))
        #expect(try fixture.connection.query("SELECT acknowledged_at IS NULL AS reopened FROM anomalies WHERE id = 1")[0]
                    .get("reopened", as: Bool.self))
    }

    @Test func reloadButtonQueuesAReloadAsThePOSTOfTheAPIDoes() throws {
        let (fixture, browser) = try signedIn()
        let first = browser.post("/ui/runs/reload", from: "/ui/runs", [])
        #expect(first.status == 303)
        let location = try #require(first.header("Location"))
        #expect(location.hasPrefix("/ui/runs?reload="))
        let id = try #require(Int64(location.dropFirst("/ui/runs?reload=".count)))
        let row = try fixture.connection.query("SELECT status, requested_by FROM reload_requests WHERE id = $1", [id])[0]
        #expect(try row.get("status", as: String.self) == "queued")
        #expect(try row.get("requested_by", as: String.self) == "tests")
        #expect(browser.get(location).text.contains("Reload \(id) queued"))
        let second = browser.post("/ui/runs/reload", from: "/ui/runs", [])
        #expect(second.header("Location") == "/ui/runs?conflict=\(id)")
        #expect(fixture.request("POST", "/api/harvest/reload").status == 409, "the API sees the same queue")
    }

    @Test func getsWriteNothingAndPostsMoveLastSeen() throws {
        let (fixture, browser) = try signedIn()
        try fixture.connection.execute("UPDATE ui_sessions SET last_seen_at = '2026-01-01T00:00:00Z'")
        for page in Self.pages { browser.get(page) }
        let seen = { try fixture.connection.query("SELECT last_seen_at::text AS t FROM ui_sessions")[0].get("t", as: String.self) }
        #expect(try seen().hasPrefix("2026-01-01"))
        browser.post("/ui/anomalies/reopen", from: "/ui/anomalies", [("id", "2")])
        #expect(try !seen().hasPrefix("2026-01-01"))
    }

    @Test func overviewFiguresMatchTheAPI() throws {
        let (fixture, browser) = try signedIn()
        let page = browser.get("/ui/").text
        for source in ["jira", "github"] {
            let total = fixture.get("/api/issues/keys?source=\(source)").json["total_count"]?.intValue ?? -1
            #expect(page.contains("id=\"source-\(source)\""))
            let card = page.components(separatedBy: "id=\"source-\(source)\"")[1].components(separatedBy: "</section>")[0]
            #expect(card.contains("<span class=\"figure-large issue-count\">\(total)</span>"), "\(source)")
        }
        let summary = fixture.get("/api/anomalies/summary").json
        for kind in summary["by_kind"]?.arrayValue ?? [] {
            let name = kind["kind"]?.stringValue ?? ""
            let open = kind["open"]?.intValue ?? -1
            #expect(page.contains("<td class=\"num\" data-open=\"\(name)\">\(open)</td>"), "\(name)")
        }
        #expect(!page.contains("not collected yet"), "every page is built")
        #expect(page.contains("<title id=\"open-anomalies-title\">Open anomalies by kind</title>"))
    }

    @Test func overviewShowsEachSourcesLastHarvestWithStatusAndAge() throws {
        let (fixture, browser) = try signedIn()
        #expect(browser.get("/ui/").text.components(separatedBy: "never harvested").count == 3, "no run recorded a source")
        try fixture.connection.execute("""
            UPDATE harvest_runs SET cursors = '{"jira": "2026-01-18T20:00:00Z", "github": "2026-01-18T20:00:00Z"}',
                   finished_at = now() - interval '3 hours', started_at = now() - interval '3 hours 5 minutes' WHERE id = 1;
            UPDATE harvest_runs SET cursors = '{"jira": "2026-01-19T08:00:00Z"}',
                   finished_at = now() - interval '90 minutes', started_at = now() - interval '95 minutes' WHERE id = 2;
            """)
        let page = browser.get("/ui/").text
        let jira = page.components(separatedBy: "id=\"source-jira\"")[1].components(separatedBy: "</section>")[0]
        let github = page.components(separatedBy: "id=\"source-github\"")[1].components(separatedBy: "</section>")[0]
        #expect(jira.contains("status-partial\">partial</span> <span class=\"age\">90 min ago</span>"), "\(jira)")
        #expect(jira.contains("href=\"/ui/runs/2\""))
        #expect(github.contains("status-completed\">completed</span> <span class=\"age\">3 h ago</span>"), "\(github)")
    }

    @Test func anIssueNotHarvestedYetSaysSo() throws {
        let (_, browser) = try signedIn()
        #expect(browser.get("/ui/issues/PV-1").text.contains("Not harvested yet"))
    }

    @Test func assetsAndFaviconNeedNoSessionAndPagesStayLight() throws {
        let fixture = try APIFixture()
        let browser = DashboardBrowser(fixture)
        let css = browser.get("/ui/assets/dashboard.css")
        let js = browser.get("/ui/assets/dashboard.js")
        #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(js.status == 200 && js.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(browser.get("/favicon.ico").header("Content-Type") == "image/svg+xml")
        #expect(browser.get("/ui/assets/nothing.js").status == 404)
        #expect(browser.get("/ui").header("Location") == "/ui/")
        browser.logIn(key: fixture.key)
        for page in Self.pages {
            let weight = browser.get(page).body.count + css.body.count + js.body.count
            #expect(weight < 100_000, "\(page): \(weight) bytes")
        }
    }

    @Test func dashboardRequestsAreCountedUnderTheirOwnRoutes() throws {
        let (fixture, browser) = try signedIn()
        browser.get("/ui/runs")
        browser.get("/ui/assets/dashboard.css")
        let metrics = fixture.get("/metrics").text
        #expect(metrics.contains("worksupport_http_requests_total{route=\"ui_page\",status=\"200\"} 2"))  // login form + runs
        #expect(metrics.contains("worksupport_http_requests_total{route=\"ui_asset\",status=\"200\"} 1"))
    }
}
