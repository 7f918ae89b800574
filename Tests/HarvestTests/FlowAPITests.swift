import API
import Foundation
import Harvest
import JSON
import Simulator
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// `GET /api/flow` and `GET /api/issues/{key}/transitions` end to end: simulator → harvest →
/// database → the API, every figure checked against the simulator's manifest.
@Suite struct FlowAPITests {
    /// A harvested fixture and an API on its database.
    final class Stack {
        let fixture: HarvestFixture
        let app: APIApplication
        let key: String

        init(faults: FaultPlan = .none, function: String = #function) throws {
            fixture = try HarvestFixture(faults: faults, function: function)
            _ = try fixture.harvest(HarvestOptions(fullReload: true, kind: .manual))
            key = try APIKeyStore(connection: try fixture.database.connect()).create(name: "flow").key
            app = APIApplication(config: fixture.config)
        }

        /// The dashboard session, signed in through the login form with the key.
        lazy var sessionCookie: String = {
            func send(_ method: String, _ path: String, cookie: String?, form: String = "") -> APIResponse {
                var headers: [(name: String, value: String)] = cookie.map { [("cookie", $0)] } ?? []
                if !form.isEmpty { headers.append(("content-type", "application/x-www-form-urlencoded")) }
                return app.handle(APIRequest(method: method, path: path, rawQuery: "", headerFields: headers,
                                             body: Array(form.utf8), remoteAddress: "127.0.0.1"))
            }
            func cookie(_ response: APIResponse) -> String {
                response.headers.filter { $0.0.lowercased() == "set-cookie" }.map { String($0.1.split(separator: ";")[0]) }
                    .joined(separator: "; ")
            }
            let form = send("GET", "/ui/login", cookie: nil)
            let html = String(decoding: form.body, as: UTF8.self)
            let token = html.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
            let login = send("POST", "/ui/login", cookie: cookie(form),
                             form: "csrf=\(token)&api_key=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            return cookie(login)
        }()

        /// A dashboard page, signed in.
        func page(_ path: String, _ query: String = "") -> (status: Int, html: String) {
            let cookie = sessionCookie
            let response = app.handle(APIRequest(method: "GET", path: path, rawQuery: query, headerFields: [("cookie", cookie)],
                                                 body: [], remoteAddress: "127.0.0.1"))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }

        func get(_ path: String, _ query: String = "") -> (status: Int, json: JSONValue) {
            let response = app.handle(APIRequest(method: "GET", path: path, rawQuery: query, headers: ["x-api-key": key]))
            return (response.status, (try? JSONValue.parse(response.body)) ?? .null)
        }

        /// The manifest's per-issue flow figures joined with its issue records.
        var manifestIssues: [(flow: JSONObject, issue: JSONObject)] {
            let records = fixture.manifestIssues
            return (fixture.manifest["flow"]?["issues"]?.arrayValue ?? []).compactMap { value in
                guard let flow = value.objectValue, let key = flow["issue_key"]?.stringValue, let issue = records[key] else { return nil }
                return (flow, issue)
            }
        }
    }

    /// Keys of `want` whose values differ in `have` (numbers to the millisecond).
    static func differences(_ want: JSONValue, _ have: JSONValue, path: String = "") -> [String] {
        if case .object(let w) = want {
            guard case .object(let h) = have else { return ["\(path): want \(want), have \(have)"] }
            return w.keys.sorted().flatMap { differences(w[$0] ?? .null, h[$0] ?? .null, path: "\(path).\($0)") }
        }
        if case .array(let w) = want, case .array(let h) = have, w.count == h.count {
            return zip(w, h).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        }
        return ChangelogHarvestTests.same(want, have) ? [] : ["\(path): want \(want), have \(have)"]
    }

    /// docs/flow.md's summary computed from the manifest's per-issue answers, for the issues
    /// `selected` picks and the window `[from, to)` on done_at (days as `YYYY-MM-DD`).
    static func expectedSummary(_ issues: [(flow: JSONObject, issue: JSONObject)], from: String? = nil, to: String? = nil) -> JSONValue {
        var cycles: [Double] = [], leads: [Double] = []
        var weeks: [String: Int64] = [:]
        var inStatus: [String: (seconds: Double, issues: Int64)] = [:]
        var done: Int64 = 0
        var untrusted: [JSONValue] = []
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for (flow, _) in issues.sorted(by: { ($0.flow["issue_key"]?.stringValue ?? "") < ($1.flow["issue_key"]?.stringValue ?? "") }) {
            let problems = flow["problems"]?.arrayValue ?? []
            if !problems.isEmpty { untrusted.append(["issue_key": flow["issue_key"] ?? .null, "problems": .array(problems)]) }
            guard let doneAt = flow["done_at"]?.stringValue, from.map({ doneAt >= $0 }) ?? true, to.map({ doneAt < $0 }) ?? true
            else { continue }
            done += 1
            weeks[ISOWeek(parser.date(from: doneAt)!).description, default: 0] += 1
            guard problems.isEmpty else { continue }
            if let cycle = flow["cycle_seconds"]?.doubleValue { cycles.append(cycle) }
            if let lead = flow["lead_seconds"]?.doubleValue { leads.append(lead) }
            for (status, seconds) in flow["seconds_in_status"]?.objectValue ?? [:] {
                inStatus[status, default: (0, 0)].seconds += seconds.doubleValue ?? 0
                inStatus[status]?.issues += 1
            }
        }
        func distribution(_ values: [Double]) -> JSONValue {
            let sorted = values.sorted()
            var object: JSONObject = ["count": .int(Int64(sorted.count)), "denominator": .int(done)]
            for percent in [50, 85, 95] {
                object["p\(percent)"] = sorted.isEmpty ? .null : .double(sorted[max(1, (percent * sorted.count + 99) / 100) - 1])
            }
            return .object(object)
        }
        return [
            "percentile_method": "nearest-rank", "done": .int(done), "cycle": distribution(cycles), "lead": distribution(leads),
            "throughput": .object(JSONObject(weeks.map { ($0.key, .int($0.value)) })),
            "wip": .int(Int64(issues.filter { $0.issue["status_category"]?.stringValue == "indeterminate" }.count)),
            "time_in_status": .object(JSONObject(inStatus.map { ($0.key, ["seconds": .double($0.value.seconds), "issues": .int($0.value.issues)]) })),
            "untrusted_count": .int(Int64(untrusted.count)),
            "untrusted": .array(untrusted),
        ]
    }

    @Test func flowSummaryMatchesTheManifestWithAndWithoutFilters() throws {
        let stack = try Stack()
        let manifestSummary = try #require(stack.fixture.manifest["flow"]?["summary"])
        let all = stack.get("/api/flow")
        #expect(all.status == 200)
        // What the API reads (the flow tables, kept by the harvest) is what the views compute from scratch.
        #expect(try FlowTables.differencesFromTheViews(on: stack.fixture.database.connect()) == [])
        #expect(Self.differences(manifestSummary, all.json) == [])
        #expect(all.json["cycle"]?["denominator"] == manifestSummary["done"])
        #expect((all.json["untrusted"]?.arrayValue?.count ?? 0) >= 3, "the planted contradictions are listed")
        // The test's own summary reproduces the manifest's, so it can be trusted for the subsets.
        let issues = stack.manifestIssues
        #expect(Self.differences(manifestSummary, Self.expectedSummary(issues)) == [])

        let doneDays = issues.compactMap { $0.flow["done_at"]?.stringValue }.map { String($0.prefix(10)) }.sorted()
        let from = doneDays[doneDays.count / 4], to = doneDays[doneDays.count * 3 / 4]
        let window = stack.get("/api/flow", "from=\(from)&to=\(to)")
        #expect(window.status == 200)
        let inWindow = Self.expectedSummary(issues, from: from, to: to)
        #expect(Self.differences(inWindow, window.json) == [])
        #expect((inWindow["done"]?.intValue ?? 0) > 0 && inWindow["done"] != manifestSummary["done"])
        let rfc = stack.get("/api/flow", "from=\(from)T00:00:00Z&to=\(to)T00:00:00%2B00:00")
        #expect(Self.differences(inWindow, rfc.json) == [])
        #expect(rfc.json["from"]?.stringValue == "\(from)T00:00:00Z")

        let member = try #require(stack.fixture.dataset.members.first { member in
            issues.contains { $0.issue["assignee_member_id"]?.stringValue == member.id && $0.flow["done_at"] != .null }
        })
        let byName = stack.get("/api/flow", "assignee=\(member.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
        let mine = issues.filter { $0.issue["assignee_member_id"]?.stringValue == member.id }
        #expect(Self.differences(Self.expectedSummary(mine), byName.json) == [])
        #expect(Self.differences(byName.json, stack.get("/api/flow", "assignee=\(member.id)").json) == [])

        let team = stack.get("/api/flow", "team=true")
        #expect(Self.differences(Self.expectedSummary(issues.filter { $0.issue["assignee_member_id"] != .null }), team.json) == [])

        let typeName = try #require(issues.first?.issue["issue_type_name"]?.stringValue)
        let byType = stack.get("/api/flow", "issue_type=\(typeName.lowercased().addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&source=jira")
        #expect(Self.differences(Self.expectedSummary(issues.filter { $0.issue["issue_type_name"]?.stringValue == typeName }), byType.json) == [])

        let github = stack.get("/api/flow", "source=github")
        #expect(github.json["done"]?.intValue == 0 && github.json["wip"]?.intValue == 0 && github.json["cycle"]?["p50"] == .null)
    }

    @Test func transitionsAreTheHistoryInOrderWithCategoriesAndCompleteness() throws {
        let stack = try Stack()
        let flows = Dictionary(uniqueKeysWithValues: stack.manifestIssues.map { ($0.flow["issue_key"]?.stringValue ?? "", $0.flow) })
        let long = try #require(ChangelogHarvestTests.plantKey(stack.fixture, "long"))
        let unknown = try #require(ChangelogHarvestTests.plantKey(stack.fixture, "unknown_status"))
        for key in [long, unknown] {
            let answer = stack.get("/api/issues/\(key)/transitions")
            #expect(answer.status == 200)
            #expect(answer.json["issue_key"]?.stringValue == key)
            #expect(answer.json["history"]?["complete"] == .bool(true) && answer.json["history"]?["reason"] == .null)
            let rows = answer.json["transitions"]?.arrayValue ?? []
            let status = rows.filter { $0["field"]?.stringValue == "status" }
            #expect(status.count == flows[key]?["transitions"]?.intValue)
            #expect(rows.contains { $0["field"]?.stringValue == "assignee" } || rows.count == status.count)
            let order = rows.compactMap { $0["changelog_id"]?.stringValue.flatMap { Int64($0) } }
            #expect(order == order.sorted(), "history order is Jira's changelog id")
            for (row, next) in zip(status, status.dropFirst()) where row["to_id"] == next["from_id"] {
                #expect(row["to_category"] == next["from_category"])
            }
            #expect(answer.json["problems"] == flows[key]?["problems"])
        }
        #expect((stack.get("/api/issues/\(long)/transitions").json["transitions"]?.arrayValue?.count ?? 0) > 100)
        let categories = stack.get("/api/issues/\(unknown)/transitions").json["transitions"]?.arrayValue?
            .filter { $0["field"]?.stringValue == "status" }.map { $0["to_category"]?.stringValue ?? "" }
        #expect(categories == ["unknown", "done"])

        let missing = stack.get("/api/issues/NOPE-404/transitions")
        #expect(missing.status == 404)
        #expect(missing.json["error"]?["message"]?.stringValue?.contains("NOPE-404") == true)
    }

    @Test func aFailedHistoryIsIncompleteInTransitionsAndListedInFlow() throws {
        let fixture = try HarvestFixture()
        let victim = try #require(fixture.manifest["flow"]?["issues"]?.arrayValue?.first {
            ($0["transitions"]?.intValue ?? 0) > 0 && $0["problems"]?.arrayValue?.isEmpty == true && $0["done_at"] != .null
        }?["issue_key"]?.stringValue)
        let stack = try Stack(faults: try FaultPlan.parse("changelog-fail=\(victim)"))
        let history = stack.get("/api/issues/\(victim)/transitions").json["history"]
        #expect(history?["complete"] == .bool(false))
        #expect((history?["reason"]?.stringValue ?? "").isEmpty == false)
        let flow = stack.get("/api/flow").json
        #expect(try FlowTables.differencesFromTheViews(on: stack.fixture.database.connect()) == [])
        let listed = flow["untrusted"]?.arrayValue?.first { $0["issue_key"]?.stringValue == victim }
        #expect(listed?["problems"] == ["history_incomplete"])
        // Without its history the issue has no done_at, so it cannot count as done: it is listed instead.
        let manifestDone = stack.fixture.manifest["flow"]?["summary"]?["done"]?.intValue ?? -1
        #expect(flow["done"]?.intValue == manifestDone - 1)
        #expect(flow["untrusted_count"]?.intValue == (flow["untrusted"]?.arrayValue?.count ?? -1))
    }

    @Test func badParametersAreRefusedNamingThem() throws {
        let stack = try Stack()
        let reversed = stack.get("/api/flow", "from=2026-03-01&to=2026-02-01")
        #expect(reversed.status == 400)
        #expect(reversed.json["error"]?["parameter"]?.stringValue == "from")
        let message = reversed.json["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("'from' (2026-03-01)") && message.contains("'to' (2026-02-01)"))
        for (query, parameter) in [("from=yesterday", "from"), ("to=2026-13-01", "to"), ("team=maybe", "team"),
                                   ("source=svn", "source"), ("assignee=", "assignee"), ("window=1", "window")] {
            let answer = stack.get("/api/flow", query)
            #expect(answer.status == 400, "\(query)")
            #expect(answer.json["error"]?["parameter"]?.stringValue == parameter, "\(query)")
        }
    }

    /// `data-seconds` of the page's cell for a percentile (`cycle-p50`), as a number.
    static func shownSeconds(_ html: String, _ percentile: String) -> Double? {
        html.components(separatedBy: "data-percentile=\"\(percentile)\" data-seconds=\"").dropFirst().first
            .flatMap { Double($0.prefix { $0 != "\"" }) }
    }

    /// The ISO week (`2026-W24`) `weeks` weeks after a Monday given in RFC 3339, nil when not a Monday.
    static func isoWeek(_ rfc3339: String, plusWeeks weeks: Int) -> String? {
        guard let monday = ISO8601DateFormatter().date(from: rfc3339) else { return nil }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard calendar.component(.weekday, from: monday) == 2 else { return nil }
        let day = monday.addingTimeInterval(Double(weeks) * 7 * 86_400)
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
        return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }

    /// The page's window start (`data-from`), as `GET /api/flow?from=` takes it.
    static func shownFrom(_ html: String) -> String? {
        html.components(separatedBy: "id=\"flow-window\" class=\"muted\" data-from=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func flowPageShowsTheAPIsFiguresForTheSameFiltersAndWindow() throws {
        let stack = try Stack()
        let issues = stack.manifestIssues
        let doneDays = issues.compactMap { $0.flow["done_at"]?.stringValue }.map { String($0.prefix(10)) }.sorted()
        let members = issues.compactMap { $0.issue["assignee_member_id"]?.stringValue }
        let member = try #require(members.first)
        for query in ["", "from=\(doneDays[doneDays.count / 4])&to=\(doneDays[doneDays.count * 3 / 4])", "assignee=\(member)", "team=true"] {
            let page = stack.page("/ui/flow", query)
            #expect(page.status == 200, "\(query)")
            // Without `from`, the page's window starts 26 ISO weeks back from the newest done issue's week, on a Monday.
            let from = try #require(Self.shownFrom(page.html), "\(query)")
            let api = stack.get("/api/flow", query.hasPrefix("from=") ? query : "from=\(from)&" + query).json
            #expect(api["from"]?.stringValue == from, "\(query)")
            if !query.hasPrefix("from=") {
                let newest = try #require(api["throughput"]?.objectValue?.keys.max(), "\(query)")
                let all = stack.get("/api/flow", query).json["throughput"]?.objectValue ?? [:]
                #expect(all.keys.max() == newest, "\(query)")
                #expect(from.hasSuffix("T00:00:00Z") && Self.isoWeek(from, plusWeeks: 25) == newest, "\(query) \(from)")
                #expect(Self.isoWeek(from, plusWeeks: 0).map { first in all.keys.filter { $0 >= first }.count }
                            == api["throughput"]?.objectValue?.count, "\(query)")
                #expect(page.html.contains("Done in the last 26 ISO weeks up to the newest done issue, from \(from.prefix(10))"), "\(query)")
            }
            #expect(page.html.contains("id=\"flow-done\">\(api["done"]?.intValue ?? -1)</div>"), "\(query)")
            #expect(page.html.contains("id=\"flow-wip\">\(api["wip"]?.intValue ?? -1)</div>"), "\(query)")
            #expect(page.html.contains("id=\"flow-untrusted-count\">\(api["untrusted_count"]?.intValue ?? -1)</div>"), "\(query)")
            for figure in ["cycle", "lead"] {
                for percentile in ["p50", "p85", "p95"] {
                    #expect(Self.shownSeconds(page.html, "\(figure)-\(percentile)") == api[figure]?[percentile]?.doubleValue, "\(query) \(figure)")
                }
            }
            // The weekly table: the window's weeks, each as many done as the API's throughput.
            let weeks = api["throughput"]?.objectValue ?? [:]
            let shown = page.html.components(separatedBy: "<tr data-week=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(shown == weeks.keys.sorted(), "\(query)")
            #expect(shown.count <= FlowReport.recentWeeks || query.hasPrefix("from="), "\(query)")
            for week in shown {
                let done = weeks[week]?.intValue ?? -1
                #expect(page.html.contains("<tr data-week=\"\(week)\"><td>\(week)</td><td class=\"num\">\(done)</td>"), "\(week)")
            }
            // Every trusted done issue with a cycle time is in one bin of the histogram.
            let binned = page.html.components(separatedBy: "<desc id=\"flow-cycle-histogram-desc\">").dropFirst().first?
                .prefix { $0 != "<" }.split(separator: ";").compactMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
                .reduce(0, +)
            #expect(binned == api["cycle"]?["count"]?.intValue, "\(query)")
        }
    }

    @Test func flowPageNamesWhatItCouldNotUseAndShowsTheRest() throws {
        let stack = try Stack()
        let reversed = stack.page("/ui/flow", "from=2026-03-01&to=2026-02-01")
        #expect(reversed.status == 200)
        #expect(reversed.html.contains("&#39;from&#39; (2026-03-01) is after &#39;to&#39; (2026-02-01); the window was ignored."))
        let from = try #require(Self.shownFrom(reversed.html))
        #expect(reversed.html.contains("id=\"flow-done\">\(stack.get("/api/flow", "from=\(from)").json["done"]?.intValue ?? -1)</div>"))
        let bad = stack.page("/ui/flow", "from=yesterday&source=svn&window=1")
        #expect(bad.status == 200)
        #expect(bad.html.contains("must be a day YYYY-MM-DD or an RFC 3339 date-time"))
        #expect(bad.html.contains("Unknown source &#39;svn&#39; ignored"))
        #expect(bad.html.contains("Unknown filter &#39;window&#39; ignored"))
    }
}
