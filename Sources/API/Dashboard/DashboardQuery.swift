import Dashboard

/// A page's query string read leniently: a filter the page does not know, or a value it does
/// not accept, is dropped and named in a notice on the page instead of failing the request.
struct DashboardQuery {
    private(set) var notices: [DashboardNotice] = []
    private let parameters: QueryParameters

    init(_ rawQuery: String) {
        do throws(APIError) {
            parameters = try QueryParameters(parsing: rawQuery)
        } catch {
            parameters = QueryParameters(pairs: [])
            notices.append(DashboardNotice(.warning, "The address has a malformed query (\(error.message)); it was ignored."))
        }
    }

    /// The last non-empty value of `name`.
    func value(_ name: String) -> String? {
        parameters.pairs.last { $0.name == name && !$0.value.isEmpty }?.value
    }

    /// Every non-empty value of `name`, first to last, each once.
    func values(_ name: String) -> [String] {
        var seen: Set<String> = []
        return parameters.pairs.compactMap { $0.name == name && !$0.value.isEmpty && seen.insert($0.value).inserted ? $0.value : nil }
    }

    /// The value when `allowed` has it; otherwise nil and a notice naming it.
    mutating func oneOf(_ name: String, _ allowed: [String]) -> String? {
        guard let value = value(name) else { return nil }
        guard allowed.contains(value) else {
            notices.append(DashboardNotice(.warning, "Unknown \(name) '\(value.prefix(80))' ignored; known: \(allowed.joined(separator: ", "))."))
            return nil
        }
        return value
    }

    /// The value as a positive id (a page's starting row); otherwise nil and a notice.
    mutating func id(_ name: String) -> Int64? {
        guard let value = value(name) else { return nil }
        guard let id = Int64(value), id > 0 else {
            notices.append(DashboardNotice(.warning, "Unknown \(name) '\(value.prefix(80))' ignored; it takes an id from the page's links."))
            return nil
        }
        return id
    }

    mutating func note(_ notice: DashboardNotice) { notices.append(notice) }

    /// A warning notice about a value that was dropped.
    mutating func note(_ text: String) { note(DashboardNotice(.warning, text)) }

    /// Notices for names outside `known`.
    mutating func noteUnknown(except known: Set<String>) {
        var seen: Set<String> = []
        for pair in parameters.pairs where !known.contains(pair.name) && seen.insert(pair.name).inserted {
            notices.append(DashboardNotice(.warning, "Unknown filter '\(pair.name.prefix(80))' ignored; this page filters by \(known.sorted().joined(separator: ", "))."))
        }
    }
}
