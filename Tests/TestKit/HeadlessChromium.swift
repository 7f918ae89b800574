import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian's `chromium` in headless mode, driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: JSON messages ended by NUL on fds 3 and 4), so no port is opened.
/// One page (target); cookies live in a temporary profile for the browser's lifetime. Collects
/// the page's console errors, uncaught exceptions and failed loads.
public final class HeadlessChromium: @unchecked Sendable {
    public struct ProtocolError: Error, CustomStringConvertible {
        public let description: String
    }

    /// One console error, exception or failed load, as the browser reported it.
    public struct ConsoleError: CustomStringConvertible, Sendable {
        public let source: String
        public let text: String
        public var description: String { "\(source): \(text)" }
    }

    public static let binary = "/usr/bin/chromium"
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: URL
    private var buffer: [UInt8] = []
    private var nextID = 0
    private var events: [[String: Any]] = []
    private var sessionID = ""
    private var stopped = false
    public private(set) var consoleErrors: [ConsoleError] = []

    public init(width: Int = 1280, height: Int = 900) throws {
        profile = try TestDirectory.make(prefix: "chromium")
        var toPipe: [Int32] = [0, 0], fromPipe: [Int32] = [0, 0]
        guard pipe(&toPipe) == 0, pipe(&fromPipe) == 0 else { throw ProtocolError(description: "pipe() failed") }
        // Moved above 4 first, so the dup2 onto 3 and 4 below never lands on itself (which would
        // keep close-on-exec) nor overwrites the other pipe's end.
        let childRead = fcntl(toPipe[0], F_DUPFD_CLOEXEC, 10), childWrite = fcntl(fromPipe[1], F_DUPFD_CLOEXEC, 10)
        close(toPipe[0]); close(fromPipe[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childRead, 3)
        posix_spawn_file_actions_adddup2(&actions, childWrite, 4)
        let devNull = open("/dev/null", O_WRONLY)
        posix_spawn_file_actions_adddup2(&actions, devNull, 1)
        posix_spawn_file_actions_adddup2(&actions, devNull, 2)
        let arguments = [Self.binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                         "--user-data-dir=\(profile.path)", "--no-first-run", "--disable-extensions",
                         "--disable-background-networking", "--disable-sync", "--disable-component-update",
                         "--window-size=\(width),\(height)", "about:blank"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, Self.binary, &actions, nil, &argv, environ)
        close(childRead); close(childWrite); close(devNull)
        guard spawned == 0 else { throw ProtocolError(description: "posix_spawn chromium: \(spawned)") }
        pid = child
        toBrowser = toPipe[1]
        fromBrowser = fromPipe[0]
        signal(SIGPIPE, SIG_IGN)

        let target = try call("Target.createTarget", ["url": "about:blank"], session: false)
        let targetID = target["targetId"] as? String ?? ""
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], session: false)
        sessionID = attached["sessionId"] as? String ?? ""
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] { _ = try call(domain) }
        _ = try call("Emulation.setDeviceMetricsOverride",
                     ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
    }

    deinit { stop() }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(toBrowser)
        close(fromBrowser)
        try? FileManager.default.removeItem(at: profile)
    }

    /// Loads `url` and waits for its load event.
    public func navigate(_ url: String, timeoutSeconds: Double = 15) throws {
        try waitingForLoad(timeoutSeconds: timeoutSeconds) { _ = try call("Page.navigate", ["url": url]) }
    }

    /// Runs `action` (a click that submits a form, a navigation) and waits for the next load event.
    public func waitingForLoad(timeoutSeconds: Double = 15, _ action: () throws -> Void) throws {
        events.removeAll { $0["method"] as? String == "Page.loadEventFired" }
        try action()
        _ = try waitForEvent("Page.loadEventFired", timeoutSeconds: timeoutSeconds)
    }

    /// The value of a JavaScript expression in the page (DevTools evaluation, outside the page's CSP).
    public func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] {
            throw ProtocolError(description: "evaluating \(expression.prefix(80)): \(exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    public func text(_ expression: String) throws -> String { try evaluate(expression) as? String ?? "" }

    /// A PNG of the whole page.
    public func screenshot(to file: URL) throws {
        let result = try call("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true])
        guard let encoded = result["data"] as? String, let data = Data(base64Encoded: encoded) else {
            throw ProtocolError(description: "no screenshot data")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Forgets the errors collected so far (each page is checked on its own).
    public func clearConsoleErrors() {
        drainEvents()
        consoleErrors.removeAll()
    }

    /// The errors of the current page, after reading what the browser has sent meanwhile.
    public func currentConsoleErrors() -> [ConsoleError] {
        drainEvents()
        return consoleErrors
    }

    // MARK: protocol

    @discardableResult
    public func call(_ method: String, _ parameters: [String: Any] = [:], session: Bool = true,
                     timeoutSeconds: Double = 15) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if session { message["sessionId"] = sessionID }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard count > 0 else { throw ProtocolError(description: "chromium closed its pipe") }
            written += count
        }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            guard let reply = try readMessage(until: deadline) else {
                throw ProtocolError(description: "\(method): no answer in \(timeoutSeconds) s")
            }
            if reply["id"] as? Int == id {
                if let error = reply["error"] { throw ProtocolError(description: "\(method): \(error)") }
                return reply["result"] as? [String: Any] ?? [:]
            }
            record(reply)
        }
    }

    public func waitForEvent(_ name: String, timeoutSeconds: Double) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let index = events.firstIndex(where: { $0["method"] as? String == name }) {
                return events.remove(at: index)
            }
            guard let message = try readMessage(until: deadline) else {
                throw ProtocolError(description: "no \(name) in \(timeoutSeconds) s")
            }
            record(message)
        }
    }

    private func drainEvents() {
        while let message = try? readMessage(until: Date()) { record(message) }
    }

    private func record(_ message: [String: Any]) {
        guard let method = message["method"] as? String else { return }
        let params = message["params"] as? [String: Any] ?? [:]
        switch method {
        case "Runtime.exceptionThrown":
            let details = params["exceptionDetails"] as? [String: Any] ?? [:]
            let exception = details["exception"] as? [String: Any]
            consoleErrors.append(ConsoleError(source: "exception",
                                              text: exception?["description"] as? String ?? details["text"] as? String ?? "?"))
        case "Runtime.consoleAPICalled" where params["type"] as? String == "error":
            let arguments = params["args"] as? [[String: Any]] ?? []
            consoleErrors.append(ConsoleError(source: "console",
                                              text: arguments.map { "\($0["value"] ?? $0["description"] ?? "")" }.joined(separator: " ")))
        case "Log.entryAdded":
            let entry = params["entry"] as? [String: Any] ?? [:]
            if entry["level"] as? String == "error" {
                consoleErrors.append(ConsoleError(source: entry["source"] as? String ?? "log",
                                                  text: "\(entry["text"] ?? "") \(entry["url"] ?? "")"))
            }
        default:
            events.append(message)
        }
    }

    /// The next message, or nil when none is complete by `deadline`.
    private func readMessage(until deadline: Date) throws -> [String: Any]? {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let data = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            }
            let remaining = max(0, Int(deadline.timeIntervalSinceNow * 1000))
            var descriptor = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(remaining))
            if ready <= 0 { return nil }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(fromBrowser, &chunk, chunk.count)
            guard count > 0 else { throw ProtocolError(description: "chromium exited") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
