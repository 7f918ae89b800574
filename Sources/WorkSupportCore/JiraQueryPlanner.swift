import FoundationEssentials

/// One search of the level-by-level walk: its condition and how many parents it asks under.
public struct JiraLevelQuery: Sendable, Equatable {
    /// The JQL without `ORDER BY`, as `/search/approximate-count` takes it (a count has no order).
    public let condition: String
    /// Parent keys in the query's `parent in (…)` list; 1 for the root query. The harvest scales
    /// the size of one query of a level to the rest of the level by it.
    public let parentCount: Int

    public init(condition: String, parentCount: Int) {
        self.condition = condition
        self.parentCount = parentCount
    }

    /// What `/search/jql` is asked: the condition ordered by key.
    public var jql: String {
        condition.isEmpty ? Self.orderByKey : condition + " " + Self.orderByKey
    }

    static let orderByKey = "ORDER BY key ASC"
}

/// Builds the JQL of a level-by-level Jira harvest: the root query, then the children of many
/// parents per query, batched under Jira's limits. Every query orders by key, which stays stable
/// while issues change during the run (ordering by `updated` makes issues jump between pages).
public struct JiraQueryPlanner: Sendable {
    public static let defaultMaxQueryLength = 7000
    public static let defaultMaxKeysPerQuery = 500

    public let rootJQL: String
    /// `jira.issue_label`: the team's issues, fetched beside the root query's.
    public let issueLabel: String?
    public let hierarchy: IssueTypeHierarchy
    public let epicLinkField: String?
    public let overlapMinutes: Int
    public let maxQueryLength: Int
    public let maxKeysPerQuery: Int

    public init(rootJQL: String, issueLabel: String? = nil, hierarchy: IssueTypeHierarchy, epicLinkField: String? = nil,
                overlapMinutes: Int = HarvestConfig().overlapMinutes,
                maxQueryLength: Int = JiraQueryPlanner.defaultMaxQueryLength,
                maxKeysPerQuery: Int = JiraQueryPlanner.defaultMaxKeysPerQuery) {
        self.rootJQL = rootJQL
        self.issueLabel = issueLabel.flatMap { $0.isEmpty ? nil : $0 }
        self.hierarchy = hierarchy
        self.epicLinkField = epicLinkField.flatMap { $0.isEmpty ? nil : $0 }
        self.overlapMinutes = overlapMinutes
        self.maxQueryLength = maxQueryLength
        self.maxKeysPerQuery = maxKeysPerQuery
    }

    /// The root query. With a cursor (incremental run) it adds `updated >= "<cursor − overlap>"`,
    /// written in the Jira user's zone, because Jira reads JQL dates in that zone.
    ///
    /// - Parameter utcOffsetSeconds: the offset of the user's zone (from `/myself`) at the cursor;
    ///   the caller resolves the zone identifier, e.g. `TimeZone(identifier:)?.secondsFromGMT(for:)`.
    public func rootQuery(updatedSince cursor: Date? = nil, utcOffsetSeconds: Int = 0) -> JiraLevelQuery {
        var condition = JQLText.removingOrderBy(rootJQL)
        if let clause = updatedClause(since: cursor, utcOffsetSeconds: utcOffsetSeconds) {
            if JQLText.hasTopLevelOr(condition) { condition = "(\(condition))" }
            condition += condition.isEmpty ? clause : " AND " + clause
        }
        return JiraLevelQuery(condition: condition, parentCount: 1)
    }

    /// The queries of the walk's first level: the root query, and with `jira.issue_label` the
    /// label query `labels = "<label>"` (with the same `updated >=` on incremental runs). Label
    /// issues join the walk as roots: their children are asked for with the next level's, and an
    /// issue both queries return is written once (README, "Which Jira issues are harvested").
    public func firstLevelQueries(updatedSince cursor: Date? = nil, utcOffsetSeconds: Int = 0) -> [JiraLevelQuery] {
        let root = rootQuery(updatedSince: cursor, utcOffsetSeconds: utcOffsetSeconds)
        guard let issueLabel else { return [root] }
        var condition = "labels = \(JQLText.quoted(issueLabel))"
        if let clause = updatedClause(since: cursor, utcOffsetSeconds: utcOffsetSeconds) { condition += " AND " + clause }
        return [root, JiraLevelQuery(condition: condition, parentCount: 1)]
    }

    /// The child types to ask for under parents of these types: the union of what the hierarchy
    /// allows under each, in hierarchy order.
    public func childTypeIDs(underParentTypes parentTypeIDs: [Int]) -> [Int] {
        var ids: [Int] = []
        for parent in parentTypeIDs {
            for child in hierarchy.allowedChildren(of: parent) where !ids.contains(child.id) { ids.append(child.id) }
        }
        return ids
    }

    /// `parent in (K1, …, Kn) AND issuetype in (…) ORDER BY key ASC`, as few queries as the limits
    /// allow. Keys are deduplicated in order; none when there are no keys or no child types.
    /// `childTypeIDs: nil` asks for children of any type (no `issuetype` clause): unknown types and
    /// hierarchy violations must be fetched to be reported.
    /// With a cursor (incremental run) each query also has the root query's `updated >=` clause.
    public func childQueries(parentKeys: [String], childTypeIDs: [Int]?, updatedSince cursor: Date? = nil,
                             utcOffsetSeconds: Int = 0) throws(JQLPlanningError) -> [JiraLevelQuery] {
        try batchedQueries(field: "parent", keys: parentKeys, childTypeIDs: childTypeIDs,
                           updated: updatedClause(since: cursor, utcOffsetSeconds: utcOffsetSeconds))
    }

    /// `updated >= "yyyy-MM-dd HH:mm"` at the cursor minus the overlap, in the user's zone.
    func updatedClause(since cursor: Date?, utcOffsetSeconds: Int) -> String? {
        guard let cursor else { return nil }
        let since = cursor.addingTimeInterval(-Double(overlapMinutes) * 60)
        return "updated >= \"\(CivilTime(since, utcOffsetSeconds: utcOffsetSeconds).minuteText)\""
    }

    /// The company-managed fallback: children that point at their epic through
    /// `jira.epic_link_field` rather than `parent`. None when the field is not configured.
    public func epicLinkQueries(epicKeys: [String], childTypeIDs: [Int]?, updatedSince cursor: Date? = nil,
                                utcOffsetSeconds: Int = 0) throws(JQLPlanningError) -> [JiraLevelQuery] {
        guard let epicLinkField else { return [] }
        return try batchedQueries(field: try Self.jqlFieldReference(epicLinkField), keys: epicKeys,
                                  childTypeIDs: childTypeIDs,
                                  updated: updatedClause(since: cursor, utcOffsetSeconds: utcOffsetSeconds))
    }

    /// `customfield_10014` → `cf[10014]`; a field name → its quoted form (`"Epic Link"`).
    static func jqlFieldReference(_ field: String) throws(JQLPlanningError) -> String {
        let prefix = "customfield_"
        if field.hasPrefix(prefix) {
            let number = field.dropFirst(prefix.count)
            guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit) else {
                throw JQLPlanningError(code: .invalidEpicLinkField, value: field)
            }
            return "cf[\(number)]"
        }
        guard !field.isEmpty, !field.contains(where: \.isNewline) else {
            throw JQLPlanningError(code: .invalidEpicLinkField, value: field)
        }
        return JQLText.quoted(field)
    }

    private func batchedQueries(field: String, keys: [String], childTypeIDs: [Int]?,
                                updated: String?) throws(JQLPlanningError) -> [JiraLevelQuery] {
        if let childTypeIDs, childTypeIDs.isEmpty { return [] }
        var seen = Set<String>()
        var unique: [String] = []
        for key in keys where seen.insert(key).inserted {
            guard JiraKeyPattern.isValidKey(key) else { throw JQLPlanningError(code: .invalidIssueKey, value: key) }
            unique.append(key)
        }
        let head = "\(field) in ("
        let typeClause = childTypeIDs.map { " AND issuetype in (\($0.map(String.init).joined(separator: ", ")))" } ?? ""
        let tail = ")" + typeClause + (updated.map { " AND " + $0 } ?? "")
        // The limit applies to what is sent to /search/jql, ORDER BY included.
        let fixedLength = head.utf8.count + tail.utf8.count + 1 + JiraLevelQuery.orderByKey.utf8.count

        var queries: [JiraLevelQuery] = []
        var batch: [String] = []
        var length = fixedLength
        for key in unique {
            let added = key.utf8.count + (batch.isEmpty ? 0 : 2)
            if !batch.isEmpty, length + added > maxQueryLength || batch.count == maxKeysPerQuery {
                queries.append(JiraLevelQuery(condition: head + batch.joined(separator: ", ") + tail, parentCount: batch.count))
                batch = []
                length = fixedLength
            }
            let cost = key.utf8.count + (batch.isEmpty ? 0 : 2)
            guard fixedLength + key.utf8.count <= maxQueryLength else {
                throw JQLPlanningError(code: .queryTooLong, value: key)
            }
            batch.append(key)
            length += cost
        }
        if !batch.isEmpty {
            queries.append(JiraLevelQuery(condition: head + batch.joined(separator: ", ") + tail, parentCount: batch.count))
        }
        return queries
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
