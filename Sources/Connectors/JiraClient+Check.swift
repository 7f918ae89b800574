import JSON

extension JiraClient {
    /// `GET /rest/api/3/myself`: the credentials work when Jira says whose they are.
    public func check() -> UpstreamCheck {
        let path = "/rest/api/3/myself"
        do {
            let (profile, response) = try exchange("GET", path)
            guard let account = profile["accountId"]?.stringValue else {
                return .failed("unexpected answer from GET \(baseURL)\(path): no accountId (is jira.base_url a Jira Cloud site?)")
            }
            var facts = [profile["displayName"]?.stringValue ?? account]
            if let email = profile["emailAddress"]?.stringValue { facts[0] += " <\(email)>" }
            if let zone = profile["timeZone"]?.stringValue { facts.append("time zone \(zone)") }
            // Jira Cloud states its budget only as it runs low (or on 429).
            if let remaining = response.header("x-ratelimit-remaining") { facts.append("\(remaining) requests left") }
            return .ok(facts.joined(separator: ", "))
        } catch {
            return .failure(error)
        }
    }
}
