/// How a release is recognised on issues without a fixVersion.
public struct ReleaseConfig: Sendable, Hashable {
    /// A regular expression matched against labels; its first capture group is the release name.
    public var labelPattern: String

    public static let defaultLabelPattern = "^release-(.+)$"

    public init(labelPattern: String = ReleaseConfig.defaultLabelPattern) {
        self.labelPattern = labelPattern
    }
}

extension ReleaseConfig {
    init(reading reader: inout ConfigReader) {
        let key = "release.label_pattern"
        let fallback = Self.defaultLabelPattern
        guard let value = reader.lookup(key, .defaulted(fallback)) else {
            self.init()
            return
        }
        // Compiling the pattern is pure (Swift Regex), so a typo is caught at config check.
        do {
            _ = try Regex(value.text)
        } catch {
            reader.reportInvalid(.invalidPattern, key: key, value: value,
                                 "not a valid regular expression: '\(value.text)'")
            self.init()
            return
        }
        reader.record(key, value.text, value.origin)
        self.init(labelPattern: value.text)
    }
}
