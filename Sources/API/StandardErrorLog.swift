import Glibc

/// One structured line per event on stderr (the journal under systemd), in a single write(2)
/// so lines from several workers never interleave.
public enum StandardErrorLog {
    public static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
