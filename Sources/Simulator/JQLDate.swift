import Foundation

/// A date operand: an absolute date (read in the Jira user's time zone) or a period relative to now.
public enum JQLDate: Sendable, Equatable {
    case absolute(year: Int, month: Int, day: Int, hour: Int, minute: Int)
    /// Milliseconds added to now (`-2h` is -7,200,000).
    case relative(Int64)

    /// Accepts `yyyy-MM-dd`, `yyyy/MM/dd`, either with ` HH:mm`, and periods such as `-2h`, `-7d`,
    /// `4w 2d`, `-30m` (units w, d, h, m).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let absolute = Self.absolute(trimmed) {
            self = absolute
        } else if let period = Self.period(trimmed) {
            self = .relative(period)
        } else {
            return nil
        }
    }

    /// The instant in UTC milliseconds.
    public func resolve(now: Int64, timeZone: TimeZone) -> Int64 {
        switch self {
        case .relative(let offset):
            return now + offset
        case .absolute(let year, let month, let day, let hour, let minute):
            let local = SimTime.ms(year: year, month: month, day: day, hour: hour, minute: minute)
            return Self.utc(fromLocal: local, in: timeZone)
        }
    }

    /// Local wall-clock milliseconds → UTC, settling the offset twice for DST edges.
    static func utc(fromLocal local: Int64, in zone: TimeZone) -> Int64 {
        func offset(at ms: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))) * 1000
        }
        let first = local - offset(at: local)
        return local - offset(at: first)
    }

    private static func absolute(_ text: String) -> JQLDate? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let date = parts[0].replacingOccurrences(of: "/", with: "-")
        var scanner = DigitScanner(date)
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
              let day = scanner.number(2), scanner.atEnd, (1...12).contains(month), (1...31).contains(day) else {
            return nil
        }
        var hour = 0, minute = 0
        if parts.count == 2 {
            var time = DigitScanner(String(parts[1]))
            guard let h = time.number(2), time.skip(":"), let m = time.number(2), time.atEnd, h < 24, m < 60 else {
                return nil
            }
            hour = h
            minute = m
        }
        return .absolute(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    private static func period(_ text: String) -> Int64? {
        var chars = Substring(text.replacingOccurrences(of: " ", with: ""))
        var sign: Int64 = 1
        if chars.first == "-" { sign = -1; chars.removeFirst() } else if chars.first == "+" { chars.removeFirst() }
        guard !chars.isEmpty else { return nil }
        var total: Int64 = 0
        var digits = ""
        for char in chars {
            if char.isASCII, char.isNumber {
                digits.append(char)
                continue
            }
            let unit: Int64
            switch char {
            case "w": unit = 7 * SimTime.msPerDay
            case "d": unit = SimTime.msPerDay
            case "h": unit = SimTime.msPerHour
            case "m": unit = SimTime.msPerMinute
            default: return nil
            }
            guard let amount = Int64(digits) else { return nil }
            total += amount * unit
            digits = ""
        }
        guard digits.isEmpty else { return nil }
        return sign * total
    }
}
