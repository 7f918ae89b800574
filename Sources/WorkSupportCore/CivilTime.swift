import FoundationEssentials

/// A wall-clock date and time at a fixed UTC offset, computed without Foundation's calendars.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// `date` shown at `utcOffsetSeconds` east of UTC, whole seconds (rounded down).
    init(_ date: Date, utcOffsetSeconds: Int = 0) {
        let total = Int(date.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        var days = total / 86_400
        var secondOfDay = total % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
    }

    /// `2026-11-20`
    var dateText: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// `2026-11-20 10:15` (JQL's date-time form)
    var minuteText: String {
        "\(dateText) \(Self.pad(hour, 2)):\(Self.pad(minute, 2))"
    }

    /// `2026-11-20T10:15:30Z` (only meaningful at offset 0)
    var rfc3339UTCText: String {
        "\(dateText)T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
