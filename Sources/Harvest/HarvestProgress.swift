import Foundation

/// Progress and journal output. On a terminal: one live line per source (pages, issues, rate).
/// Otherwise (systemd journal): one `key=value` line per page and a summary per run.
public final class HarvestProgress {
    public enum Mode: String, Sendable { case auto, always, never }

    let live: Bool
    let started = Date()
    var pages: [String: Int] = [:]
    var issues: [String: Int] = [:]

    public init(mode: Mode) {
        switch mode {
        case .always: live = true
        case .never: live = false
        case .auto: live = isatty(STDERR_FILENO) == 1
        }
    }

    func page(source: String, level: Int?, items: Int) {
        pages[source, default: 0] += 1
        issues[source, default: 0] += items
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Int(Double(issues[source]!) / elapsed)
        if live {
            let text = "\(source): \(pages[source]!) pages, \(issues[source]!) issues, \(rate)/s"
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        } else {
            var line = "event=page source=\(source)"
            if let level { line += " level=\(level)" }
            line += " page=\(pages[source]!) items=\(items) total=\(issues[source]!) rate=\(rate)"
            log(line)
        }
    }

    public func log(_ line: String) {
        if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
