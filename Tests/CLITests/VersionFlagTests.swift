import Foundation
import TestKit
import Testing

/// What an operator checks after installing a package: the version it is.
@Suite struct VersionFlagTests {
    /// VERSION is the one place the version is decided; the Swift constant is written from it.
    @Test(arguments: ["worksupport", "worksupport-api", "worksupport-harvest", "worksupport-sim"])
    func versionFlagPrintsTheVersionFile(executable: String) throws {
        let file = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("VERSION"), encoding: .utf8)
        let expected = file.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(expected.range(of: #"^[0-9]+(\.[0-9]+)*"#, options: .regularExpression) != nil)
        let result = try CommandRunner.run(executable, ["--version"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n", "run scripts/set-version after editing VERSION")
    }
}
