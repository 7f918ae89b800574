@testable import Connectors
import HTTPClient
import Simulator
import Testing
import WorkSupportCore

/// The one-call checks `worksupport check` makes, against the simulator, and the words a failure
/// is reported in.
@Suite struct UpstreamCheckTests {
    static func transport() -> UpstreamTransport {
        UpstreamTransport(policy: RetryPolicy(maxAttempts: 1), connectTimeout: 2, totalTimeout: 2)
    }

    @Test func githubWithoutATokenIsCheckedAnonymously() throws {
        try Upstream.with("") { sim throws in
            let check = GitHubClient(apiURL: sim.baseURL, token: nil, transport: Self.transport()).check()
            #expect(check.isOK)
            #expect(check.detail.hasPrefix("no token, anonymous: 60 of 60 requests left, resets "), "\(check.detail)")
        }
    }

    /// The check makes one call: a server error is reported, not retried.
    @Test func serverErrorIsReportedAfterOneCall() throws {
        try Upstream.with("at.1=503,scope=jira") { sim throws in
            let client = JiraClient(baseURL: sim.baseURL, email: Upstream.dataset.jiraEmail,
                                    apiToken: SimCredentials.defaultJiraToken, transport: Self.transport())
            let check = client.check()
            #expect(check == .failed("HTTP 503 from GET \(sim.baseURL)/rest/api/3/myself"))
            #expect(sim.statuses() == [503])
        }
    }

    @Test func transportFailuresLeadWithTheKindOfProblem() {
        func failure(_ code: HTTPClientError.Code, _ message: String) -> String {
            let url = "https://jira.example.invalid/rest/api/3/myself"
            let error = UpstreamError(code: .gaveUp, request: "GET \(url)", status: nil, attempts: 1, reason: "not retried",
                                      transportFailure: HTTPClientError(code: code, method: "GET", url: url, message: message))
            return UpstreamCheck.failure(error).line(upstream: "jira")
        }
        #expect(failure(.dnsFailure, "could not resolve host (curl 6: Could not resolve host: jira.example.invalid)")
                == "jira: unknown host (GET https://jira.example.invalid/rest/api/3/myself: curl 6: Could not resolve host: jira.example.invalid)")
        #expect(failure(.tls, "TLS failure (curl 60: SSL certificate problem: self-signed certificate)")
                == "jira: TLS failure (GET https://jira.example.invalid/rest/api/3/myself: curl 60: SSL certificate problem: self-signed certificate)")
        #expect(failure(.timeout, "timeout after 2.0 s (curl 28: Operation timed out)")
                == "jira: timeout after 2.0 s (GET https://jira.example.invalid/rest/api/3/myself: curl 28: Operation timed out)")
    }

    @Test func forbiddenTokenSaysWhatToLookAt() {
        let error = UpstreamError(code: .gaveUp, request: "GET https://api.github.com/rate_limit", status: 403,
                                  attempts: 1, reason: "HTTP 403 (not retried)")
        #expect(UpstreamCheck.failure(error).line(upstream: "github")
                == "github: forbidden (HTTP 403 from GET https://api.github.com/rate_limit): the token lacks a permission, or its rate budget is spent")
    }
}
