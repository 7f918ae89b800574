/// Records each request into the counters and renders the totals as Prometheus text.
struct RequestMetrics {
    let counters: any MetricCounters

    func record(route: Route, status: Int, nanoseconds: UInt64) {
        counters.add(MetricLayout.requestIndex(route: route, status: status), 1)
        counters.add(MetricLayout.latencyBucketIndex(route: route, nanoseconds: nanoseconds), 1)
        counters.add(MetricLayout.latencySumIndex(route: route), nanoseconds / 1_000)
    }

    func count(_ index: Int) { counters.add(index, 1) }

    /// Prometheus text exposition format 0.0.4. Series with a zero count are left out, except
    /// the single counters, which are always present.
    func render(extraLines: String?) -> String {
        let totals = counters.totals()
        func total(_ index: Int) -> UInt64 { totals.indices.contains(index) ? totals[index] : 0 }
        var out = """
            # HELP worksupport_http_requests_total HTTP requests answered, by route and status.
            # TYPE worksupport_http_requests_total counter

            """
        for route in Route.allCases {
            for (slot, status) in (MetricLayout.statusCodes.map(String.init) + ["other"]).enumerated() {
                let value = total(MetricLayout.requestsBase + route.rawValue * MetricLayout.statusSlots + slot)
                guard value > 0 else { continue }
                out += "worksupport_http_requests_total{route=\"\(route.label)\",status=\"\(status)\"} \(value)\n"
            }
        }
        out += """
            # HELP worksupport_http_request_duration_seconds Time to answer a request, by route.
            # TYPE worksupport_http_request_duration_seconds histogram

            """
        for route in Route.allCases {
            let base = MetricLayout.latencyBase + route.rawValue * MetricLayout.latencySlots
            let buckets = (0...MetricLayout.latencyBounds.count).map { total(base + $0) }
            let count = buckets.reduce(0, +)
            guard count > 0 else { continue }
            var cumulative: UInt64 = 0
            for (index, bound) in MetricLayout.latencyBounds.enumerated() {
                cumulative += buckets[index]
                out += "worksupport_http_request_duration_seconds_bucket{route=\"\(route.label)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "worksupport_http_request_duration_seconds_bucket{route=\"\(route.label)\",le=\"+Inf\"} \(count)\n"
            let sumSeconds = Double(total(MetricLayout.latencySumIndex(route: route))) / 1e6
            out += "worksupport_http_request_duration_seconds_sum{route=\"\(route.label)\"} \(sumSeconds)\n"
            out += "worksupport_http_request_duration_seconds_count{route=\"\(route.label)\"} \(count)\n"
        }
        out += WebhookMetrics.render(total)
        let singles: [(String, String, Int)] = [
            ("worksupport_database_errors_total", "Failed database statements and connection attempts.",
             MetricLayout.databaseErrors),
            ("worksupport_database_connect_attempts_total", "Database connection attempts by workers.",
             MetricLayout.databaseConnectAttempts),
            ("worksupport_database_unavailable_responses_total", "Requests answered 503 because the database was down.",
             MetricLayout.databaseUnavailableResponses),
            ("worksupport_api_key_rejections_total", "Requests refused for a missing, unknown or revoked API key.",
             MetricLayout.authenticationFailures),
        ]
        for (name, help, index) in singles {
            out += "# HELP \(name) \(help)\n# TYPE \(name) counter\n\(name) \(total(index))\n"
        }
        if let extraLines, !extraLines.isEmpty {
            out += extraLines.hasSuffix("\n") ? extraLines : extraLines + "\n"
        }
        return out
    }
}
