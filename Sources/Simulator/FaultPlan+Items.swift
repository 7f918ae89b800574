import JSON

/// Faults of one Jira issue, wherever a search returns it: bad input a harvest must record as
/// one `harvest_errors` row for that issue while storing the rest (docs/simulator.md).
/// Spec: `item.WSA-12=wrong-type` or `item.WSA-12=unparsable`.
public enum ItemFault: String, Sendable, CaseIterable {
    /// `fields.updated` is a number instead of a timestamp text.
    case wrongType = "wrong-type"
    /// The summary carries the byte 0xFF: the JSON is not UTF-8, so not JSON at all.
    case unparsable

    /// `item` (a rendered search item) with the fault applied.
    func applied(to item: JSONValue) -> JSONValue {
        guard var object = item.objectValue, var fields = object["fields"]?.objectValue else { return item }
        switch self {
        case .wrongType:
            fields["updated"] = .int(1_790_000_000_000)
        case .unparsable:
            fields["summary"] = .string((fields["summary"]?.stringValue ?? "") + String(SimText.invalidBytePlaceholder))
        }
        object["fields"] = .object(fields)
        return .object(object)
    }
}

extension FaultPlan {
    /// `item.<KEY>=<fault>` of the spec; false when `name` is not such a setting.
    mutating func parseItemFault(name: String, value: String) throws(FaultPlanError) -> Bool {
        guard name.hasPrefix("item.") else { return false }
        let key = name.dropFirst(5).uppercased()
        guard JiraKey(key) != nil else { throw FaultPlanError("\(name): '\(key)' is not a Jira issue key") }
        guard let fault = ItemFault(rawValue: value.lowercased()) else {
            throw FaultPlanError("\(name)=\(value): expected one of \(ItemFault.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        itemFaults[key] = fault
        return true
    }

    var itemFaultSpec: [String] {
        itemFaults.keys.sorted().map { "item.\($0)=\(itemFaults[$0]!.rawValue)" }
    }
}
