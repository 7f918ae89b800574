import ArgumentParser
import Foundation

/// A failure reported as one line on stderr, with a non-zero exit status.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`; a `CLIError` (or any error from the layers below) becomes
    /// `worksupport: <message>` on stderr and an exit status, never a crash or a stack trace.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("worksupport: \(Self.oneLine(error.message))\n".utf8))
            throw ExitCode(error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("worksupport: \(Self.oneLine(String(describing: error)))\n".utf8))
            throw ExitCode.failure
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

/// RFC 3339 UTC, seconds precision, for terminal output.
func formatTime(_ date: Date?) -> String {
    guard let date else { return "-" }
    return date.formatted(.iso8601)
}
