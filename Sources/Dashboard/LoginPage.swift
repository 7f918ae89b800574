/// The sign-in form: an API key (as `worksupport apikey create` prints it) exchanged for a session.
/// `formToken` is the double-submit token the login POST must echo (the browser has no session
/// yet to tie a CSRF token to).
public enum LoginPage {
    public static func render(formToken: String, problem: String? = nil) -> [UInt8] {
        DashboardLayout.page(title: "Sign in", section: nil, viewer: nil,
                             notices: problem.map { [DashboardNotice(.warning, $0)] } ?? []) { html in
            html.raw("<div class=\"login\"><p>Sign in with an API key. An operator creates one with ")
            html.raw("<code>worksupport apikey create --name NAME</code>; <code>make run</code> prints one.</p>")
            html.open("form", [("method", "post"), ("action", DashboardPath.login)])
            html.open("input", [("type", "hidden"), ("name", "csrf"), ("value", formToken)])
            html.raw("<label for=\"api_key\">API key<input id=\"api_key\" name=\"api_key\" type=\"password\" ")
            html.raw("autocomplete=\"current-password\" required></label>")
            html.raw("<button type=\"submit\">Sign in</button>")
            html.close("form")
            html.raw("</div>")
        }
    }
}
