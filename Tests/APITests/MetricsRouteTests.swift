import API
import JSON
import Testing

@Suite struct MetricsRouteTests {
    @Test func metricsCountRequestsByRouteAndStatus() throws {
        let fixture = try APIFixture()
        _ = fixture.get("/api/issues/PV-1")
        _ = fixture.get("/api/issues/NOPE-1")
        _ = fixture.get("/api/issues/keys", key: .some(nil))
        let metrics = fixture.get("/metrics", key: .some(nil))
        #expect(metrics.status == 200)
        #expect(metrics.header("content-type")?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains("worksupport_http_requests_total{route=\"issue\",status=\"200\"} 1\n"))
        #expect(metrics.text.contains("worksupport_http_requests_total{route=\"issue\",status=\"404\"} 1\n"))
        #expect(metrics.text.contains("worksupport_http_requests_total{route=\"issue_keys\",status=\"401\"} 1\n"))
        #expect(metrics.text.contains("worksupport_http_request_duration_seconds_count{route=\"issue\"} 2\n"))
        #expect(metrics.text.contains("worksupport_api_key_rejections_total 1\n"))
    }

    @Test func poolLinesAndStatusAreServedWhenGiven() throws {
        let fixture = try APIFixture(seed: false)
        let app = APIApplication(config: try APIFixture.config(url: fixture.database.url, startCommand: nil),
                                     poolStatus: { ["active_workers": 2] },
                                     poolMetrics: { "worksupport_worker_restarts_total 5\n" })
        let metrics = TestResponse(app.handle(APIRequest(method: "GET", path: "/metrics")))
        #expect(metrics.text.contains("worksupport_worker_restarts_total 5\n"))
        let status = TestResponse(app.handle(APIRequest(method: "GET", path: "/status")))
        #expect(status.json["active_workers"] == 2)
        #expect(fixture.get("/status").status == 404)
    }
}
