/// The effective configuration as `worksupport config check` prints it.
extension WorkSupportConfig {
    /// Every effective value with where it came from. Secrets and the database password are masked
    /// unless `maskSecrets` is false.
    public func effectiveSettings(maskSecrets: Bool = true) -> [ConfigSetting] {
        guard maskSecrets else { return settings }
        return settings.map { setting in
            var masked = setting
            if ConfigKey.secretNames.contains(setting.key) {
                masked.value = Self.maskedSecret(setting.value)
            } else if setting.key == "database.url" || setting.key == "database.read_url" {
                masked.value = PostgresConnectionString.masked(setting.value)
            }
            return masked
        }
    }

    /// `****` plus the last four characters, which identify a secret without weakening it;
    /// shorter secrets show nothing.
    public static func maskedSecret(_ secret: String) -> String {
        secret.count >= 16 ? "****" + secret.suffix(4) : "****"
    }
}
