import JSON

/// The flow answers of the manifest (`flow`): per harvested Jira issue and over all of them, as
/// docs/flow.md defines them, computed here on their own from the served histories (the
/// simulator does not share code with WorkSupportCore, whose results these check).
enum ManifestFlow {
    struct Figures {
        var key: String
        var firstInProgress: Int64?
        var done: Int64?
        var cycleMs: Int64?
        var leadMs: Int64?
        var reopens = 0
        var transitions = 0
        var msInStatus: [String: Int64] = [:]
        var problems: [String] = []
        var currentCategory: String?
    }

    static func figures(of issue: SimJiraIssue, dataset: SimDataset) -> Figures {
        func category(_ id: String?) -> String {
            id.flatMap { id in dataset.statuses.first { $0.id == id }?.category } ?? "unknown"
        }
        let steps = SimHistory.entries(for: issue, dataset: dataset).sorted { $0.id < $1.id }.flatMap { entry in
            entry.items.filter { $0.field == "status" }.map { (entry.id, entry.created, $0) }
        }
        var result = Figures(key: issue.key, currentCategory: dataset.status(named: issue.status)?.category)
        result.transitions = steps.count
        var problems = Set<String>()
        var stretchStart: Int64?
        for (index, (_, at, item)) in steps.enumerated() {
            let from = category(item.from), to = category(item.to)
            if from == "unknown" || to == "unknown" { problems.insert("unknown_status") }
            if to == "indeterminate", result.firstInProgress == nil { result.firstInProgress = at }
            if from == "done", to != "done" { result.reopens += 1 }
            if to == "done" { stretchStart = stretchStart ?? at } else { stretchStart = nil }
            let status: String?, since: Int64
            if index == 0 {
                status = item.fromString ?? item.from
                since = issue.created
            } else {
                let previous = steps[index - 1].2
                if previous.to != item.from { problems.insert("unknown_from_status") }
                status = previous.toString ?? previous.to
                since = steps[index - 1].1
            }
            if let status { result.msInStatus[status, default: 0] += at - since }
        }
        result.done = stretchStart
        if let done = result.done {
            result.leadMs = done - issue.created
            if done < issue.created { problems.insert("done_before_created") }
            if let start = result.firstInProgress {
                result.cycleMs = done - start
                if done < start { problems.insert("done_before_started") }
            }
        }
        result.problems = problems.sorted()
        return result
    }

    static func json(issues: [SimJiraIssue], dataset: SimDataset) -> JSONValue {
        let all = issues.map { figures(of: $0, dataset: dataset) }.sorted { $0.key < $1.key }
        var cycles: [Int64] = [], leads: [Int64] = []
        var weeks: [String: Int64] = [:]
        var inStatus: [String: (ms: Int64, issues: Int64)] = [:]
        var done: Int64 = 0
        for figure in all {
            guard let doneAt = figure.done else { continue }
            done += 1
            weeks[isoWeek(doneAt), default: 0] += 1
            guard figure.problems.isEmpty else { continue }
            if let cycle = figure.cycleMs { cycles.append(cycle) }
            if let lead = figure.leadMs { leads.append(lead) }
            for (status, ms) in figure.msInStatus {
                inStatus[status, default: (0, 0)].ms += ms
                inStatus[status]?.issues += 1
            }
        }
        var summary = JSONObject()
        summary["percentile_method"] = "nearest-rank"
        summary["done"] = .int(done)
        summary["cycle"] = distribution(cycles)
        summary["lead"] = distribution(leads)
        summary["throughput"] = .object(JSONObject(weeks.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
        summary["wip"] = .int(Int64(all.filter { $0.currentCategory == "indeterminate" }.count))
        summary["time_in_status"] = .object(JSONObject(inStatus.sorted { $0.key < $1.key }.map {
            ($0.key, ["seconds": seconds($0.value.ms), "issues": .int($0.value.issues)])
        }))
        summary["untrusted"] = .array(all.filter { !$0.problems.isEmpty }.map {
            ["issue_key": .string($0.key), "problems": .array($0.problems.map(JSONValue.string))]
        })
        let perIssue: [JSONValue] = all.map { figure in
            var object = JSONObject()
            object["issue_key"] = .string(figure.key)
            object["transitions"] = .int(Int64(figure.transitions))
            object["first_in_progress_at"] = figure.firstInProgress.map { .string(SimTime.rfc3339($0)) } ?? .null
            object["done_at"] = figure.done.map { .string(SimTime.rfc3339($0)) } ?? .null
            object["cycle_seconds"] = figure.cycleMs.map(seconds) ?? .null
            object["lead_seconds"] = figure.leadMs.map(seconds) ?? .null
            object["reopen_count"] = .int(Int64(figure.reopens))
            object["seconds_in_status"] = .object(JSONObject(figure.msInStatus.sorted { $0.key < $1.key }.map {
                ($0.key, seconds($0.value))
            }))
            object["problems"] = .array(figure.problems.map(JSONValue.string))
            return .object(object)
        }
        return ["summary": .object(summary), "issues": .array(perIssue)]
    }

    /// Nearest rank: the value at rank ⌈p·n/100⌉ of the ascending list.
    static func distribution(_ values: [Int64]) -> JSONValue {
        let sorted = values.sorted()
        var object: JSONObject = ["count": .int(Int64(sorted.count))]
        for percent in [50, 85, 95] {
            let rank = max(1, (percent * sorted.count + 99) / 100)
            object["p\(percent)"] = sorted.isEmpty ? .null : seconds(sorted[rank - 1])
        }
        return .object(object)
    }

    static func seconds(_ ms: Int64) -> JSONValue {
        ms % 1000 == 0 ? .int(ms / 1000) : .double(Double(ms) / 1000)
    }

    /// ISO 8601 week in UTC: `2026-W45`.
    static func isoWeek(_ ms: Int64) -> String {
        var days = ms / SimTime.msPerDay
        if ms % SimTime.msPerDay < 0 { days -= 1 }
        let weekday = ((days + 3) % 7 + 7) % 7 + 1
        let thursday = days - weekday + 4
        let year = SimTime.civil(thursday * SimTime.msPerDay).year
        let week = (thursday - SimTime.days(year: year, month: 1, day: 1)) / 7 + 1
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }
}
