/// Instants as milliseconds since the Unix epoch (UTC), and the text formats the upstreams use.
/// Written by hand: formatting 100k issues through Foundation formatters is slow and the output
/// must not depend on the host's locale.
public enum SimTime {
    public static let msPerSecond: Int64 = 1000
    public static let msPerMinute: Int64 = 60_000
    public static let msPerHour: Int64 = 3_600_000
    public static let msPerDay: Int64 = 86_400_000

    public struct Civil: Equatable, Sendable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func ms(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0,
                          second: Int = 0, millisecond: Int = 0) -> Int64 {
        days(year: year, month: month, day: day) * msPerDay + Int64(hour) * msPerHour
            + Int64(minute) * msPerMinute + Int64(second) * msPerSecond + Int64(millisecond)
    }

    public static func civil(_ ms: Int64) -> Civil {
        var days = ms / msPerDay
        var rest = ms % msPerDay
        if rest < 0 { rest += msPerDay; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        return Civil(year: year, month: month, day: day, hour: Int(rest / msPerHour),
                     minute: Int(rest % msPerHour / msPerMinute), second: Int(rest % msPerMinute / msPerSecond),
                     millisecond: Int(rest % msPerSecond))
    }

    /// Jira Cloud: `2026-11-20T10:15:30.123+0000` (always UTC here).
    public static func jira(_ ms: Int64) -> String {
        let c = civil(ms)
        return "\(datePart(c))T\(timePart(c)).\(pad(c.millisecond, 3))+0000"
    }

    /// GitHub: `2026-11-20T10:15:30Z` (whole seconds).
    public static func github(_ ms: Int64) -> String {
        let c = civil(ms)
        return "\(datePart(c))T\(timePart(c))Z"
    }

    /// The answer manifest: RFC 3339 UTC with milliseconds, `2026-11-20T10:15:30.123Z`.
    public static func rfc3339(_ ms: Int64) -> String {
        let c = civil(ms)
        return "\(datePart(c))T\(timePart(c)).\(pad(c.millisecond, 3))Z"
    }

    /// `2026-11-20`
    public static func date(_ ms: Int64) -> String {
        datePart(civil(ms))
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`, `±HHMM` or
    /// nothing (then UTC). Returns nil for anything else.
    public static func parse(_ text: String) -> Int64? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2),
              scanner.skip("-"), let day = scanner.number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var result = ms(year: year, month: month, day: day)
        if scanner.atEnd { return result }
        guard scanner.skip("T") || scanner.skip(" "), let hour = scanner.number(2), scanner.skip(":"),
              let minute = scanner.number(2), hour < 24, minute < 60 else { return nil }
        result += Int64(hour) * msPerHour + Int64(minute) * msPerMinute
        if scanner.skip(":") {
            guard let second = scanner.number(2), second < 60 else { return nil }
            result += Int64(second) * msPerSecond
            if scanner.skip(".") {
                guard let fraction = scanner.number(3) else { return nil }
                result += Int64(fraction)
                while scanner.number(1) != nil {}
            }
        }
        if scanner.atEnd || scanner.skip("Z") { return scanner.atEnd ? result : nil }
        let sign: Int64
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = scanner.number(2) else { return nil }
        _ = scanner.skip(":")
        guard let offsetMinutes = scanner.number(2), scanner.atEnd else { return nil }
        return result - sign * (Int64(offsetHours) * msPerHour + Int64(offsetMinutes) * msPerMinute)
    }

    private static func datePart(_ c: Civil) -> String {
        "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    private static func timePart(_ c: Civil) -> String {
        "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Reads fixed-width decimal fields and literal characters from ASCII text.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += width
        return value
    }

    mutating func skip(_ literal: Character) -> Bool {
        guard index < bytes.count, let ascii = literal.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }
}
