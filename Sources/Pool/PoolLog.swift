#if canImport(Glibc)
import Glibc
#endif

/// One structured line per event on stderr (`event=worker_spawned slot=0 pid=123`), which
/// systemd puts in the journal. Values with spaces or quotes are quoted.
public enum PoolLog {
    public static func event(_ name: String, _ fields: KeyValuePairs<String, String> = [:],
                             level: String = "info") {
        var line = "level=\(level) event=\(name)"
        for (key, value) in fields { line += " \(key)=\(quoted(value))" }
        line += "\n"
        // One write() per line so lines from several workers do not interleave.
        _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline })
        else { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where character.isNewline: out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
