@testable import API
import WorkSupportStore
import Testing

@Suite struct MetricLayoutTests {
    @Test func everyIndexFitsTheCounterArray() {
        let lastRoute = Route.allCases.last!
        #expect(Route.allCases.count <= MetricLayout.routeSlots)
        #expect(MetricLayout.requestIndex(route: lastRoute, status: 599) < MetricLayout.latencyBase)
        #expect(MetricLayout.latencySumIndex(route: lastRoute) < MetricLayout.databaseErrors)
        #expect(MetricLayout.authenticationFailures < MetricLayout.webhookBase)
        #expect(WebhookMetrics.index(source: WebhookDelivery.Source.allCases.last!, outcome: "other")
                    < WebhookMetrics.genericIndex(outcome: "applied"))
        #expect(WebhookMetrics.genericIndex(outcome: "other") < MetricLayout.counterCount)
        #expect(MetricLayout.counterCount <= 2048, "the pool's scoreboard holds 2048 counters (Scoreboard.defaultCounterCount)")
    }

    @Test func latencyFallsIntoTheFirstBucketThatHoldsIt() {
        let base = MetricLayout.latencyBase + Route.issue.rawValue * MetricLayout.latencySlots
        #expect(MetricLayout.latencyBucketIndex(route: .issue, nanoseconds: 400_000) == base)
        #expect(MetricLayout.latencyBucketIndex(route: .issue, nanoseconds: 3_000_000) == base + 3)
        #expect(MetricLayout.latencyBucketIndex(route: .issue, nanoseconds: 10_000_000_000) == base + 12)
    }

    @Test func renderingShowsCumulativeBucketsAndPoolLines() {
        let counters = LocalMetricCounters()
        let metrics = RequestMetrics(counters: counters)
        metrics.record(route: .issue, status: 200, nanoseconds: 400_000)
        metrics.record(route: .issue, status: 200, nanoseconds: 3_000_000)
        metrics.record(route: .issue, status: 404, nanoseconds: 3_000_000)
        let text = metrics.render(extraLines: "worksupport_worker_restarts_total 3")
        #expect(text.contains("worksupport_http_requests_total{route=\"issue\",status=\"200\"} 2\n"))
        #expect(text.contains("worksupport_http_requests_total{route=\"issue\",status=\"404\"} 1\n"))
        #expect(text.contains("worksupport_http_request_duration_seconds_bucket{route=\"issue\",le=\"0.0005\"} 1\n"))
        #expect(text.contains("worksupport_http_request_duration_seconds_bucket{route=\"issue\",le=\"0.005\"} 3\n"))
        #expect(text.contains("worksupport_http_request_duration_seconds_count{route=\"issue\"} 3\n"))
        #expect(text.hasSuffix("worksupport_worker_restarts_total 3\n"))
    }
}
