import Logfmt
import Logging
import Synchronization
import Testing

/// The handler behind a `Logger`: level filtering, where fields come from, one line per event.
@Suite struct LogfmtHandlerTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func record(_ bytes: [UInt8]) { lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
    }

    static func logger(level: Logger.Level = .info, into lines: Lines) -> Logger {
        Logger(label: "test") { LogfmtHandler(label: $0, level: level, metadataProvider: nil, sink: lines.record) }
    }

    @Test func eventsBelowTheLevelAreNotWritten() {
        let lines = Lines()
        let logger = Self.logger(level: .warning, into: lines)
        logger.debug("noise")
        logger.info("worker_spawned")
        logger.warning("worker_exited", metadata: ["signal": "9"])
        logger.error("crash_loop")
        #expect(lines.all == ["level=warning event=worker_exited signal=9\n", "level=error event=crash_loop\n"])
    }

    @Test func debugIsWrittenWhenTheLevelAllowsIt() {
        let lines = Lines()
        Self.logger(level: .trace, into: lines).debug("listening")
        #expect(lines.all == ["level=debug event=listening\n"])
    }

    @Test func eachEventIsOneWriteOfOneLine() {
        let lines = Lines()
        Self.logger(into: lines).error("database_error", metadata: ["message": "line one\nline two"])
        #expect(lines.all.count == 1)
        #expect(lines.all[0].filter { $0 == "\n" }.count == 1)
    }

    @Test func loggerMetadataJoinsTheCallsAndTheCallWinsASharedKey() {
        let lines = Lines()
        var logger = Self.logger(into: lines)
        logger[metadataKey: "run"] = "7"
        logger[metadataKey: "source"] = "jira"
        logger.info("page", metadata: ["source": "github", "page": "1"])
        #expect(lines.all == ["level=info event=page page=1 run=7 source=github\n"])
    }

    @Test func anErrorPassedToTheLoggerBecomesTheErrorField() {
        struct Failure: Error, CustomStringConvertible { var description: String { #"role "x" does not exist"# } }
        let lines = Lines()
        Self.logger(into: lines).error("startup_failed", error: Failure())
        #expect(lines.all == [#"level=error event=startup_failed error="role \"x\" does not exist""# + "\n"])
    }

    @Test func levelNamesAreReadInAnyCase() {
        #expect(LogfmtHandler.level(named: "debug") == .debug)
        #expect(LogfmtHandler.level(named: "WARNING") == .warning)
        #expect(LogfmtHandler.level(named: "verbose") == nil)
        #expect(LogfmtHandler.level(named: "") == nil)
    }
}
