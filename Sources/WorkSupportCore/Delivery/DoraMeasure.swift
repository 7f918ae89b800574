/// One computed figure with what it was computed from: `value` is nil exactly when
/// `unavailable` says why ("n/a: why").
public struct DoraMeasure: Sendable, Equatable {
    public var value: Double?
    public var numerator: Double
    public var denominator: Double
    /// How the value follows from numerator and denominator, in words.
    public var method: String
    public var unavailable: String?

    public init(value: Double?, numerator: Double, denominator: Double, method: String, unavailable: String? = nil) {
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.method = method
        self.unavailable = unavailable
    }

    static func ratio(_ numerator: Int, _ denominator: Int, method: String, whenEmpty: String) -> DoraMeasure {
        guard denominator > 0 else {
            return DoraMeasure(value: nil, numerator: Double(numerator), denominator: 0, method: method,
                               unavailable: whenEmpty)
        }
        return DoraMeasure(value: Double(numerator) / Double(denominator), numerator: Double(numerator),
                           denominator: Double(denominator), method: method)
    }
}

/// The median and 85th percentile of durations in seconds, over `count` of `eligible` items.
public struct DoraDuration: Sendable, Equatable {
    public var median: Double?
    public var p85: Double?
    public var count: Int
    public var eligible: Int
    public var method: String
    public var unavailable: String?

    init(_ seconds: [Double], eligible: Int, method: String, whenEmpty: String) {
        let sorted = seconds.sorted()
        median = Quantile.of(sorted: sorted, 0.5)
        p85 = Quantile.of(sorted: sorted, 0.85)
        count = seconds.count
        self.eligible = eligible
        self.method = method
        unavailable = seconds.isEmpty ? whenEmpty : nil
    }
}
