import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the configuration.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate the properties file and print the effective settings, secrets masked.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reportingErrors {
                let config = try global.loadConfig()
                let settings = config.effectiveSettings(maskSecrets: true)
                let width = settings.map(\.key.count).max() ?? 0
                for setting in settings {
                    let key = setting.key.padding(toLength: width, withPad: " ", startingAt: 0)
                    print("\(key) = \(setting.value)    # \(setting.origin)")
                }
                print("config OK: \(settings.count) settings")
            }
        }
    }
}
