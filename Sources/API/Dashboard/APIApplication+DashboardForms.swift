import Dashboard
import WorkSupportCore
import WorkSupportStore

/// Login, logout and the forms that change something.
extension APIApplication {
    /// The login form, with a fresh double-submit token in a cookie and in the form.
    func loginForm(_ request: APIRequest, problem: String? = nil, status: Int = 200) -> APIResponse {
        let formToken = DashboardSessionToken.random().value
        return .html(status: status, LoginPage.render(formToken: formToken, problem: problem),
                     headers: [("Set-Cookie", Self.cookie(DashboardSessionToken.loginCookie, formToken, request: request,
                                                          maxAge: 3600))])
    }

    /// An API key exchanged for a session: checked as the API checks it, then a new session row
    /// (write connection) and its cookie.
    func login(_ request: APIRequest) throws(APIError) -> APIResponse {
        guard request.body.count <= 8192, let form = try? QueryParameters(parsing: String(decoding: request.body, as: UTF8.self)),
              let expected = DashboardSessionToken(cookie: request.cookie(DashboardSessionToken.loginCookie)),
              let presented = try? form.single("csrf"),
              SecretDigest.constantTimeEquals(Array(expected.value.utf8), Array(presented.utf8)) else {
            return .html(status: 403, MessagePage.render(
                title: "Form expired", message: "The sign-in form has no valid token; open the sign-in page again.", viewer: nil))
        }
        guard let key = (try? form.single("api_key"))?.trimmingSpaces(), !key.isEmpty, key.utf8.count <= 256 else {
            return loginForm(request, problem: "Enter an API key.", status: 400)
        }
        let token = DashboardSessionToken.random()
        let opened = try writes.run(retryOnLoss: false) { connection throws(StoreError) -> Bool in
            guard let found = try APIKeyLookup(connection: connection).activeKey(hash: APIKeyMaterial.hash(of: key)) else {
                return false
            }
            try DashboardSessionStore(connection: connection).open(tokenHash: token.hash, apiKeyID: found.id,
                                                                   seconds: DashboardSessionToken.lifetimeSeconds)
            return true
        }
        guard opened else {
            metrics.count(MetricLayout.authenticationFailures)
            return loginForm(request, problem: "That API key is not valid, or it was revoked.", status: 401)
        }
        return .seeOther(DashboardPath.root, headers: [
            ("Set-Cookie", Self.cookie(DashboardSessionToken.sessionCookie, token.value, request: request,
                                       maxAge: DashboardSessionToken.lifetimeSeconds)),
            ("Set-Cookie", Self.cookie(DashboardSessionToken.loginCookie, "", request: request, maxAge: 0)),
        ])
    }

    func dashboardForm(_ page: DashboardRoute, request: APIRequest, form: QueryParameters, holder: DashboardSessionStore.Holder,
                       viewer: DashboardViewer) throws(APIError) -> APIResponse {
        switch page {
        case .logout:
            try writes.run(retryOnLoss: false) { connection throws(StoreError) in
                try DashboardSessionStore(connection: connection).close(sessionID: holder.sessionID)
            }
            return .seeOther(DashboardPath.login, headers: [
                ("Set-Cookie", Self.cookie(DashboardSessionToken.sessionCookie, "", request: request, maxAge: 0)),
            ])
        case .reload:
            let force = (try? form.single("force")) == "true"
            switch try queueReload(force: force, requestedBy: holder.keyName).outcome {
            case .queued(let id, _): return .seeOther(DashboardPath.with(DashboardPath.runs, [("reload", String(id))]))
            case .conflict(let id, _): return .seeOther(DashboardPath.with(DashboardPath.runs, [("conflict", String(id))]))
            }
        case .acknowledge, .reopen:
            guard let text = try? form.single("id"), let id = Int64(text), id > 0 else {
                return notFoundPage("There is no anomaly \((try? form.single("id")) ?? "").", viewer: viewer)
            }
            let note = ((try? form.single("note")) ?? nil) ?? ""
            guard note.count <= 2000 else {
                return .html(status: 400, MessagePage.render(title: "Note too long", message: "A note is at most 2000 characters.", viewer: viewer))
            }
            let changed = try writes.run(retryOnLoss: false) { connection throws(StoreError) in
                let store = AnomalyTriageStore(connection: connection)
                return page == .acknowledge ? try store.acknowledge(id: id, by: holder.keyName, note: note) : try store.reopen(id: id)
            }
            guard changed else { return notFoundPage("There is no anomaly \(id).", viewer: viewer) }
            return .seeOther(DashboardPath.anomaly(id))
        default:
            return notFoundPage("There is no form at this address.", viewer: viewer)
        }
    }

    /// `HttpOnly; SameSite=Strict`, only under `/ui/`, `Secure` when the browser came over TLS.
    static func cookie(_ name: String, _ value: String, request: APIRequest, maxAge: Int) -> String {
        "\(name)=\(value); Path=/ui/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)" + (request.overTLS ? "; Secure" : "")
    }
}
