import FoundationEssentials

/// A metrics window cut into calendar periods (UTC ISO weeks from Monday, or months), each
/// clipped to the window, for the metrics over time. Each period's figures are the metrics over
/// that period alone, so they equal `GET /api/metrics/dora` with the period as `from`/`to`.
public enum DoraPeriods {
    public enum Length: String, Sendable, CaseIterable {
        case week, month
    }

    public struct Period: Sendable, Equatable {
        public var from: Date
        public var to: Date
        /// `2026-03-02` (the week's Monday) or `2026-03` (the month).
        public var label: String
    }

    /// More periods than this are not drawn by week: a long window goes by month.
    public static let mostWeeks = 60
    /// And never more than ten years of months (the API's longest window).
    public static let mostPeriods = 122

    /// The length actually used: `week` over a window of more than `mostWeeks` weeks becomes `month`.
    public static func length(_ asked: Length, from: Date, to: Date) -> Length {
        asked == .week && to.timeIntervalSince(from) > Double(mostWeeks) * 604_800 ? .month : asked
    }

    public static func periods(from: Date, to: Date, by length: Length) -> [Period] {
        guard from < to else { return [] }
        var periods: [Period] = []
        var start = from
        while start < to && periods.count < mostPeriods {
            let day = Int((start.timeIntervalSince1970 / 86_400).rounded(.down))
            let civil = CivilTime(start)
            let next: Date
            let label: String
            switch length {
            case .week:
                // 1970-01-01 was a Thursday: Monday is 3 days before day 0.
                let monday = day - ((day % 7 + 7 + 3) % 7)
                next = Date(timeIntervalSince1970: Double(monday + 7) * 86_400)
                label = CivilTime(Date(timeIntervalSince1970: Double(monday) * 86_400)).dateText
            case .month:
                let first = day - (civil.day - 1)
                next = Date(timeIntervalSince1970: Double(first + daysIn(year: civil.year, month: civil.month)) * 86_400)
                label = String(civil.dateText.prefix(7))
            }
            let end = min(next, to)
            periods.append(Period(from: start, to: end, label: label))
            start = end
        }
        return periods
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
