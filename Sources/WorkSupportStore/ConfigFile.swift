import FoundationEssentials
import WorkSupportCore

/// Reads the properties file for every executable: `--config`, `$WORKSUPPORT_CONFIG`, or the
/// default path. Without a file at the default path the environment alone may supply what is
/// needed (`WORKSUPPORT_DATABASE_URL`), so packaging scripts can migrate before a config exists.
public enum ConfigFile {
    public static let defaultPath = "/etc/worksupport/worksupport.properties"

    /// One-line messages: `<file>:<line>: <problem>` for config errors, `<file>: …` for I/O.
    public static func load(explicitPath: String?, environment: [String: String]) throws(ConfigFileError) -> WorkSupportConfig {
        let explicit = explicitPath ?? environment["WORKSUPPORT_CONFIG"]
        let path = explicit ?? defaultPath
        let text: String
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigFileError(message: "\(path): cannot read the file (permission denied?)")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigFileError(message: "\(path): not UTF-8 text")
            }
            text = decoded
        } else if explicit == nil, environment["WORKSUPPORT_DATABASE_URL"] != nil {
            text = ""
        } else {
            throw ConfigFileError(message: "\(path): no such file (pass --config FILE or set WORKSUPPORT_DATABASE_URL)")
        }
        do {
            return try WorkSupportConfig.parse(text: text, file: path, environment: environment)
        } catch {
            throw ConfigFileError(message: error.description)
        }
    }
}

public struct ConfigFileError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
