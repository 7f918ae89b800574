import FoundationEssentials

/// Parses the timestamps Jira and GitHub send, without Foundation's date formatters (which cost
/// microseconds each and dominate a 100k-issue normalization).
///
/// Accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM|±HH)`: Jira's `2026-11-20T10:15:30.123+0000`
/// and RFC 3339's `2026-11-20T10:15:30Z` alike. A space instead of `T` is tolerated.
public enum UpstreamTimestamp {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = ByteCursor(bytes: bytes)
        guard let year = cursor.digits(4), cursor.take("-"), let month = cursor.digits(2), cursor.take("-"),
              let day = cursor.digits(2), cursor.take("T") || cursor.take(" "),
              let hour = cursor.digits(2), cursor.take(":"), let minute = cursor.digits(2), cursor.take(":"),
              let second = cursor.digits(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var fraction = 0.0
        if cursor.take(".") {
            var scale = 0.1
            var any = false
            while let digit = cursor.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                any = true
            }
            guard any else { return nil }
        }
        var offset = 0
        if cursor.take("Z") || cursor.take("z") {
            offset = 0
        } else if let sign = cursor.sign() {
            guard let hours = cursor.digits(2) else { return nil }
            var minutes = 0
            if !cursor.atEnd {
                _ = cursor.take(":")
                guard let parsed = cursor.digits(2) else { return nil }
                minutes = parsed
            }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard cursor.atEnd else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A forward-only reader over ASCII bytes.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    mutating func digit() -> Int? {
        guard position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 else { return nil }
        defer { position += 1 }
        return Int(bytes[position] - 48)
    }

    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// +1 or -1 for a `+` or `-`, consumed; nil otherwise.
    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }
}
