import Dashboard
import Postgres
import WorkSupportStore

/// The dashboard's one way through: assets and the login form need no session; every other
/// page needs a live session cookie (else 303 to the login form), and every POST its CSRF
/// token (else 403). GETs read on `reads` and write nothing; POSTs write on `writes`. Errors
/// are pages in the dashboard's style, never JSON.
///
/// A new page: its `DashboardRoute` case and pattern, its `DashboardSection`, a page file in
/// Sources/Dashboard rendering the store's records (charts: `BarChart`, `ColumnChart`), and its
/// line in `dashboardPage`.
extension APIApplication {
    func dashboard(_ request: APIRequest, _ page: DashboardRoute, _ parameter: String?) -> APIResponse {
        do throws(APIError) {
            switch page {
            case .asset:
                guard let asset = DashboardAssets.named(parameter ?? "") else {
                    return notFoundPage("There is no file \(parameter ?? "") here.", viewer: nil)
                }
                return .asset(asset)
            case .favicon: return .asset(DashboardAssets.icon)
            case .rootRedirect: return .seeOther(DashboardPath.root)
            case .notFound: return notFoundPage("There is no dashboard page at this address.", viewer: nil)
            case .login: return loginForm(request)
            case .loginSubmit: return try login(request)
            default: break
            }
            guard let token = DashboardSessionToken(cookie: request.cookie(DashboardSessionToken.sessionCookie)),
                  let holder = try sessionHolder(token, onlyReads: request.onlyReads) else {
                return .seeOther(DashboardPath.login)
            }
            let viewer = DashboardViewer(name: holder.keyName, csrfToken: token.csrfToken)
            if !request.onlyReads {
                guard request.body.count <= config.api.maxBodyBytes else {
                    return .html(status: 413, MessagePage.render(title: "Too large", message: "The form is larger than \(config.api.maxBodyBytes) bytes.", viewer: viewer))
                }
                let form = try? QueryParameters(parsing: String(decoding: request.body, as: UTF8.self))
                guard let form, token.acceptsCSRF(try? form.single("csrf")) else {
                    return .html(status: 403, MessagePage.render(
                        title: "Form expired",
                        message: "This form has no valid CSRF token (it may come from another session, or from another site). Reload the page and try again.",
                        viewer: viewer))
                }
                try writes.run(retryOnLoss: false) { connection throws(StoreError) in
                    try DashboardSessionStore(connection: connection).touch(sessionID: holder.sessionID)
                }
                return try dashboardForm(page, request: request, form: form, holder: holder, viewer: viewer)
            }
            return try dashboardPage(page, parameter: parameter, query: DashboardQuery(request.rawQuery), viewer: viewer)
        } catch {
            return errorPage(error)
        }
    }

    /// The live session of `token`. A GET reads where GETs read; on a standby that has not yet
    /// replayed a login just made, it asks the primary too (a read, never a write there).
    func sessionHolder(_ token: DashboardSessionToken, onlyReads: Bool) throws(APIError) -> DashboardSessionStore.Holder? {
        let lookup = { (connection: PostgresConnection) throws(StoreError) -> DashboardSessionStore.Holder? in
            try DashboardSessionStore(connection: connection).holder(tokenHash: token.hash)
        }
        if let found = try (onlyReads ? reads : writes).run(lookup) { return found }
        return onlyReads && reads !== writes ? try writes.run(lookup) : nil
    }

    func dashboardPage(_ page: DashboardRoute, parameter: String?, query: DashboardQuery,
                       viewer: DashboardViewer) throws(APIError) -> APIResponse {
        switch page {
        case .overview: return try overviewPage(viewer: viewer)
        case .runs: return try runsPage(query, viewer: viewer)
        case .run:
            guard let id = Int64(parameter ?? ""), id > 0,
                  let found = try reads.run({ connection throws(StoreError) in try DashboardQueries(connection: connection).run(id: id) })
            else { return notFoundPage("There is no harvest run \(parameter ?? "").", viewer: viewer) }
            return .html(RunsPage.render(run: found.run, errors: found.errors, viewer: viewer))
        case .anomalies: return try anomaliesPage(query, viewer: viewer)
        case .anomaly:
            guard let id = Int64(parameter ?? ""), id > 0,
                  let anomaly = try reads.run({ connection throws(StoreError) in try DashboardQueries(connection: connection).anomaly(id: id) })
            else { return notFoundPage("There is no anomaly \(parameter ?? "").", viewer: viewer) }
            return .html(AnomaliesPage.render(anomaly, viewer: viewer))
        case .hierarchy: return try hierarchyPage(query, viewer: viewer)
        case .issue:
            let key = parameter ?? ""
            guard let issue = try reads.run({ connection throws(StoreError) in try DashboardQueries(connection: connection).issue(key: key) })
            else { return notFoundPage("There is no issue with the key \(key).", viewer: viewer) }
            return .html(IssuePage.render(issue, viewer: viewer))
        case .flow: return try flowPage(query, viewer: viewer)
        case .delivery: return try deliveryPage(query, viewer: viewer)
        case .team: return try teamPage(query, viewer: viewer)
        default: return notFoundPage("There is no dashboard page at this address.", viewer: viewer)
        }
    }

    func notFoundPage(_ message: String, viewer: DashboardViewer?) -> APIResponse {
        .html(status: 404, MessagePage.render(title: "Not found", message: message, viewer: viewer))
    }

    /// A failure as a page: the database being down is a 503 the browser may retry.
    func errorPage(_ error: APIError) -> APIResponse {
        let headers = error.headers.map { ($0.name, $0.value) }
        switch error.code {
        case .databaseUnavailable:
            return .html(status: 503, MessagePage.render(title: "Database unavailable", message: error.message, viewer: nil),
                         headers: headers)
        case .invalidParameter, .unknownParameter, .invalidBody:
            return .html(status: 400, MessagePage.render(title: "Bad request", message: error.message, viewer: nil))
        default:
            return .html(status: error.code.status, MessagePage.render(title: "Something went wrong", message: error.message, viewer: nil),
                         headers: headers)
        }
    }
}
