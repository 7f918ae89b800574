#if canImport(Glibc)
import Glibc
#endif
import Logging

/// What each executable calls first: every `Logger` of the process then writes logfmt lines at
/// the level `WORKSUPPORT_LOG_LEVEL` names (trace, debug, info, notice, warning, error,
/// critical; default info).
extension LogfmtHandler {
    public static let levelVariable = "WORKSUPPORT_LOG_LEVEL"

    /// `level` overrides the environment. Call it once per process, before any `Logger` exists.
    public static func bootstrap(level: Logger.Level? = nil) {
        // Empty counts as unset (`Environment=WORKSUPPORT_LOG_LEVEL=` in a drop-in).
        let setting = getenv(levelVariable).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let configured = setting.flatMap(Self.level(named:))
        let chosen = level ?? configured ?? .info
        LoggingSystem.bootstrap { label in LogfmtHandler(label: label, level: chosen) }
        if let setting, configured == nil, level == nil {
            Logger(label: "worksupport.logging").warning("log_level_invalid", metadata: [
                "variable": "\(levelVariable)", "value": "\(setting)", "using": "\(chosen)",
            ])
        }
    }

    /// The level a setting names, in any case (`WARNING`); nil when it names none.
    public static func level(named setting: String) -> Logger.Level? {
        Logger.Level(setting)
    }
}
