import Foundation

/// One structured line per event on stderr (the journal under systemd).
enum FileHandleLog {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
