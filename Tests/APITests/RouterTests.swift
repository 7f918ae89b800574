@testable import API
import Testing

@Suite struct RouterTests {
    let router = Router()

    @Test func fixedPathsMatchTheirRoutes() {
        #expect(router.match(method: "GET", path: "/health") == .matched(.health, parameter: nil))
        #expect(router.match(method: "GET", path: "/api/issues/keys") == .matched(.issueKeys, parameter: nil))
        #expect(router.match(method: "GET", path: "/api/issues/hierarchy") == .matched(.issueHierarchy, parameter: nil))
        #expect(router.match(method: "POST", path: "/api/harvest/reload") == .matched(.reloadCreate, parameter: nil))
        #expect(router.match(method: "GET", path: "/api/harvest/reload") == .matched(.reloadList, parameter: nil))
        #expect(router.match(method: "GET", path: "/api/openapi.json") == .matched(.openAPI, parameter: nil))
    }

    @Test func issueKeyIsPercentDecoded() {
        #expect(router.match(method: "GET", path: "/api/issues/owner%2Frepo%2312")
                == .matched(.issue, parameter: "owner/repo#12"))
    }

    @Test func issueKeyMayContainUnencodedSlashes() {
        #expect(router.match(method: "GET", path: "/api/issues/owner/repo%2312")
                == .matched(.issue, parameter: "owner/repo#12"))
    }

    @Test func idRoutesCarryTheirParameter() {
        #expect(router.match(method: "GET", path: "/api/harvest/reload/42") == .matched(.reloadStatus, parameter: "42"))
        #expect(router.match(method: "GET", path: "/api/harvest/runs/7") == .matched(.harvestRun, parameter: "7"))
    }

    @Test func transitionsTakeTheKeyBetweenPrefixAndSuffix() {
        #expect(router.match(method: "GET", path: "/api/issues/ABC-1/transitions") == .matched(.issueTransitions, parameter: "ABC-1"))
        #expect(router.match(method: "GET", path: "/api/issues/o%2Fr%2312/transitions")
                == .matched(.issueTransitions, parameter: "o/r#12"))
        #expect(router.match(method: "GET", path: "/api/issues/transitions") == .matched(.issue, parameter: "transitions"))
        #expect(router.match(method: "GET", path: "/api/flow") == .matched(.flow, parameter: nil))
        #expect(router.match(method: "POST", path: "/api/flow") == .methodNotAllowed(allowed: ["GET", "HEAD"]))
    }

    @Test func unknownPathIsNotFound() {
        #expect(router.match(method: "GET", path: "/api/nope") == .notFound)
        #expect(router.match(method: "GET", path: "/api/issues/") == .notFound)
        #expect(router.match(method: "GET", path: "/") == .notFound)
    }

    @Test func wrongMethodListsTheAllowedOnes() {
        #expect(router.match(method: "DELETE", path: "/api/issues/keys") == .methodNotAllowed(allowed: ["GET", "HEAD"]))
        #expect(router.match(method: "PUT", path: "/api/harvest/reload")
                == .methodNotAllowed(allowed: ["GET", "HEAD", "POST"]))
    }

    @Test func headIsAnsweredLikeGet() {
        #expect(router.match(method: "HEAD", path: "/health") == .matched(.health, parameter: nil))
    }

    @Test(arguments: ["/api/issues/AB%zz", "/api/issues/%C3%28", "/ui/issues/%FF"])
    func malformedEscapeInPathIsBadPath(path: String) {
        guard case .badPath = router.match(method: "GET", path: path) else {
            Issue.record("expected badPath for \(path)")
            return
        }
    }

    /// A NUL in a key would reach libpq, which cuts parameters at it (nginx refuses %00 too).
    @Test func nulByteInPathIsBadPath() {
        guard case .badPath = router.match(method: "GET", path: "/api/issues/AB%00-1") else {
            Issue.record("expected badPath")
            return
        }
    }

    @Test func onlyAPIPathsOtherThanTheDocumentNeedAKey() {
        let keyed = Route.allCases.filter(\.requiresAPIKey)
        #expect(!keyed.contains(.openAPI))
        #expect(!keyed.contains(.health))
        #expect(!keyed.contains(.ingestGitHub))
        #expect(keyed.contains(.issue))
        #expect(keyed.contains(.reloadCreate))
    }

    @Test func dashboardPathsMatchTheirPagesWithTheirParameter() {
        #expect(router.match(method: "GET", path: "/ui/") == .dashboard(.overview, parameter: nil))
        #expect(router.match(method: "POST", path: "/ui/runs/reload") == .dashboard(.reload, parameter: nil))
        #expect(router.match(method: "GET", path: "/ui/runs/12") == .dashboard(.run, parameter: "12"))
        #expect(router.match(method: "GET", path: "/ui/issues/owner%2Frepo%2312") == .dashboard(.issue, parameter: "owner/repo#12"))
        #expect(router.match(method: "HEAD", path: "/favicon.ico") == .dashboard(.favicon, parameter: nil))
        #expect(router.match(method: "GET", path: "/ui/elsewhere") == .dashboard(.notFound, parameter: nil))
        #expect(router.match(method: "GET", path: "/ui/logout") == .methodNotAllowed(allowed: ["POST"]))
        #expect(router.match(method: "DELETE", path: "/ui/login") == .methodNotAllowed(allowed: ["GET", "HEAD", "POST"]))
    }

    @Test func dashboardRoutesAreCountedUnderThreeMetricRoutes() {
        #expect(DashboardRoute.overview.metricRoute == .dashboardPage)
        #expect(DashboardRoute.acknowledge.metricRoute == .dashboardForm)
        #expect(DashboardRoute.favicon.metricRoute == .dashboardAsset)
        #expect(!Route.dashboardPage.requiresAPIKey, "the dashboard authenticates by session cookie")
    }
}
