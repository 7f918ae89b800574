/// Why a list of issue types cannot form a hierarchy.
public struct IssueTypeHierarchyError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        /// Two types share an id.
        case duplicateTypeID
        /// The id is negative; -1 is reserved for `IssueType.unknown`.
        case reservedTypeID
        /// A type lists a child id that no type has.
        case undefinedChild
        /// Following children leads back to a type.
        case cycle
    }

    public var code: Code
    /// The type whose definition is at fault (for a cycle: its first type).
    public var typeID: Int
    /// The missing child, for `undefinedChild`.
    public var childID: Int?
    /// The type ids around the cycle, first id repeated at the end, for `cycle`.
    public var cycle: [Int]

    public init(code: Code, typeID: Int, childID: Int? = nil, cycle: [Int] = []) {
        self.code = code
        self.typeID = typeID
        self.childID = childID
        self.cycle = cycle
    }

    public var description: String {
        switch code {
        case .duplicateTypeID: return "issue type \(typeID) is defined more than once"
        case .reservedTypeID: return "issue type id \(typeID) is reserved"
        case .undefinedChild: return "issue type \(typeID): child type \(childID ?? 0) is not defined"
        case .cycle: return "issue type hierarchy has a cycle: " + cycle.map(String.init).joined(separator: " -> ")
        }
    }
}
