/// Where an effective setting came from, so `worksupport config check` can show why it has its value.
public enum ConfigOrigin: Sendable, Hashable, CustomStringConvertible {
    case file(String, line: Int)
    case environment(String)
    case `default`

    /// The file line, when the value was read from the file.
    public var line: Int? {
        if case .file(_, let line) = self { return line }
        return nil
    }

    public var description: String {
        switch self {
        case .file(let file, let line): return "\(file):\(line)"
        case .environment(let name): return "env \(name)"
        case .default: return "default"
        }
    }
}
