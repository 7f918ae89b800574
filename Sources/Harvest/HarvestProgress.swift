import Foundation
import Logging

/// Progress and journal output. On a terminal: one live line per source (pages, issues, rate,
/// ETA), kept on screen when the source is done. Otherwise (systemd journal): one log event per
/// page. The run's other events (start, retries, failures, finish) are logged in both cases. The
/// live text and the page event's fields come from `HarvestProgressLine`.
public final class HarvestProgress {
    public enum Mode: String, Sendable { case auto, always, never }

    let live: Bool
    let output: (String) -> Void
    let logger: Logger
    private var sources: [String: SourceState] = [:]

    struct SourceState {
        var startedAt: Date
        var level: Int?
        var pages = 0
        var items = 0
        var expected: HarvestExpectation?
    }

    /// `output` receives the live line as it would be written to stderr, `logger` the events
    /// (tests capture both).
    public init(mode: Mode, output: @escaping (String) -> Void = HarvestProgress.writeToStandardError,
                logger: Logger = Logger(label: "worksupport.harvest")) {
        switch mode {
        case .always: live = true
        case .never: live = false
        case .auto: live = isatty(STDERR_FILENO) == 1
        }
        self.output = output
        self.logger = logger
    }

    public static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The source's clock starts here: its rate and ETA count from this instant.
    func begin(source: String) {
        sources[source] = SourceState(startedAt: Date())
    }

    /// What the source now expects to fetch in all (nil: it cannot tell).
    func expect(source: String, _ expectation: HarvestExpectation?) {
        update(source) { $0.expected = expectation }
    }

    func page(source: String, level: Int?, items: Int) {
        let state = update(source) { state in
            state.pages += 1
            state.items += items
            state.level = level
        }
        let snapshot = self.snapshot(source, state)
        if live {
            output("\r\u{1B}[K" + HarvestProgressLine.live(snapshot))
        } else {
            log("page", HarvestProgressLine.journal(snapshot, pageItems: items))
        }
    }

    /// On a terminal, leaves the source's final line on screen; the next source starts below it.
    func finish(source: String) {
        guard live, let state = sources[source], state.pages > 0 else { return }
        output("\r\u{1B}[K" + HarvestProgressLine.live(snapshot(source, state), finished: true) + "\n")
    }

    /// On a terminal the live line is cleared first, so the event does not land in the middle of it.
    public func log(_ event: String, _ metadata: Logger.Metadata = [:], level: Logger.Level = .info) {
        if live { output("\r\u{1B}[K") }
        logger.log(level: level, "\(event)", metadata: metadata)
    }

    /// A source that never called `begin` starts at its first update.
    @discardableResult
    private func update(_ source: String, _ change: (inout SourceState) -> Void) -> SourceState {
        var state = sources[source] ?? SourceState(startedAt: Date())
        change(&state)
        sources[source] = state
        return state
    }

    private func snapshot(_ source: String, _ state: SourceState) -> HarvestProgressSnapshot {
        HarvestProgressSnapshot(source: source, level: state.level, pages: state.pages, items: state.items,
                                elapsed: Date().timeIntervalSince(state.startedAt), expected: state.expected)
    }
}
