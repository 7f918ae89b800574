import JSON

extension SlackClient {
    /// `auth.test`: refuses a bad token (`invalid_auth`, `not_authed`) and names the bot and workspace.
    public func check() -> UpstreamCheck {
        do {
            let json = try authTest()
            let user = json["user"]?.stringValue ?? "?"
            let team = json["team"]?.stringValue ?? "?"
            return .ok("bot \(user) in workspace \(team)")
        } catch let error as SlackAPIError {
            switch error.code {
            case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired":
                return .failed("refused token (auth.test: \(error.code))")
            default:
                return .failed("auth.test: Slack answered \(error.code)")
            }
        } catch {
            return .failure(error)
        }
    }
}
