import FoundationEssentials

/// The ISO 8601 week of an instant in UTC (`2026-W45`): weeks start on Monday, and week 1 is the
/// week with the year's first Thursday, so early January can belong to the previous year's last
/// week and late December to the next year's first.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    public init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        if seconds % 86_400 < 0 { days -= 1 }
        // 1970-01-01 was a Thursday; Monday = 1 … Sunday = 7.
        let weekday = ((days + 3) % 7 + 7) % 7 + 1
        let thursday = days - weekday + 4
        let year = CivilTime(Date(timeIntervalSince1970: Double(thursday) * 86_400)).year
        let firstOfYear = UpstreamTimestamp.daysSinceEpoch(year: year, month: 1, day: 1)
        self.init(year: year, week: (thursday - firstOfYear) / 7 + 1)
    }

    public var description: String {
        "\(CivilTime.pad(year, 4))-W\(CivilTime.pad(week, 2))"
    }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }
}
