/// One effective configuration value, as printed by `worksupport config check`.
public struct ConfigSetting: Sendable, Hashable {
    public var key: String
    public var value: String
    public var origin: ConfigOrigin

    public init(key: String, value: String, origin: ConfigOrigin) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}
