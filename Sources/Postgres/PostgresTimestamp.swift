import FoundationEssentials
import Glibc
import TextUtilities

/// timestamptz in text form. Connections run with TimeZone=UTC, so the server prints
/// `2026-11-22 01:50:14.123456+00`; parameters are sent as RFC 3339 with microseconds.
public enum PostgresTimestamp {
    public static func format(_ date: Date) -> String {
        var seconds = date.timeIntervalSince1970.rounded(.down)
        var micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded())
        if micros >= 1_000_000 { seconds += 1; micros -= 1_000_000 }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else {
            let day = "\(year.zeroPadded(4))-\((Int(parts.tm_mon) + 1).zeroPadded(2))-\(Int(parts.tm_mday).zeroPadded(2))"
            let clock = "\(Int(parts.tm_hour).zeroPadded(2)):\(Int(parts.tm_min).zeroPadded(2)):\(Int(parts.tm_sec).zeroPadded(2))"
            return "\(day)T\(clock).\(micros.zeroPadded(6))Z"
        }
        // Written digit by digit: a COPY of a year's histories formats a few million of these.
        return String(unsafeUninitializedCapacity: 27) { text in
            func put(_ value: Int, width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                    value /= 10
                }
            }
            put(year, width: 4, at: 0)
            text[4] = 45
            put(Int(parts.tm_mon) + 1, width: 2, at: 5)
            text[7] = 45
            put(Int(parts.tm_mday), width: 2, at: 8)
            text[10] = 84
            put(Int(parts.tm_hour), width: 2, at: 11)
            text[13] = 58
            put(Int(parts.tm_min), width: 2, at: 14)
            text[16] = 58
            put(Int(parts.tm_sec), width: 2, at: 17)
            text[19] = 46
            put(micros, width: 6, at: 20)
            text[26] = 90
            return 27
        }
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|±HH[:MM]]`; nil for anything else
    /// (including `infinity`).
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// The same over the text's UTF-8 bytes in place: results of thousands of timestamps parse
    /// each without an array copy, a libc call or a capturing closure.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.number(4), cursor.expect(45, 45), let month = cursor.number(2), cursor.expect(45, 45),
              let day = cursor.number(2), cursor.expect(32, 84), let hour = cursor.number(2), cursor.expect(58, 58),
              let minute = cursor.number(2), cursor.expect(58, 58), let second = cursor.number(2) else { return nil }
        var position = cursor.position
        var fraction = 0.0
        if position < bytes.count, bytes[position] == 46 {
            position += 1
            var scale = 0.1
            while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                fraction += Double(bytes[position] - 48) * scale
                scale /= 10
                position += 1
            }
        }
        cursor.position = position
        var offsetSeconds = 0
        if cursor.position < bytes.count {
            let sign = bytes[cursor.position]
            if sign == 90 {  // Z
                cursor.position += 1
            } else if sign == 43 || sign == 45 {
                cursor.position += 1
                guard let hours = cursor.number(2) else { return nil }
                var minutes = 0
                if cursor.position < bytes.count {
                    _ = cursor.expect(58, 58)
                    guard let parsed = cursor.number(2) else { return nil }
                    minutes = parsed
                }
                offsetSeconds = (hours * 3600 + minutes * 60) * (sign == 45 ? -1 : 1)
            } else {
                return nil
            }
        }
        guard cursor.position == bytes.count else { return nil }
        let epoch: Int
        if (1...12).contains(month) {
            epoch = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        } else {  // as before: timegm carries an out-of-range month into the year
            var parts = tm()
            parts.tm_year = Int32(year - 1900)
            parts.tm_mon = Int32(month - 1)
            parts.tm_mday = Int32(day)
            parts.tm_hour = Int32(hour)
            parts.tm_min = Int32(minute)
            parts.tm_sec = Int32(second)
            epoch = timegm(&parts)
        }
        return Date(timeIntervalSince1970: Double(epoch - offsetSeconds) + fraction)
    }

    /// A timestamptz in the binary format (microseconds since 2000-01-01 UTC) as the same `Date`
    /// `parse` gives for the server's text of it: whole seconds, plus the fraction summed digit by
    /// digit as the parser does. nil for ±infinity.
    static func date(microsecondsSince2000 value: Int64) -> Date? {
        guard value != .max, value != .min else { return nil }
        let (unix, overflow) = value.addingReportingOverflow(946_684_800_000_000)
        guard !overflow else { return nil }
        var seconds = unix / 1_000_000
        var micros = unix % 1_000_000
        if micros < 0 {
            seconds -= 1
            micros += 1_000_000
        }
        var fraction = 0.0
        var scale = 0.1
        var divisor: Int64 = 100_000
        while divisor > 0 {
            fraction += Double(micros / divisor % 10) * scale
            scale /= 10
            divisor /= 10
        }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's `days_from_civil`): no
    /// libc call per cell. Linear in `day`, as timegm is, so day 31 of April is May 1st.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A read position in the text: fixed-width numbers and one of two separators.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        @inline(__always)
        mutating func number(_ width: Int) -> Int? {
            guard position + width <= bytes.count else { return nil }
            var value = 0
            for index in position..<position + width {
                let digit = bytes[index] &- 48
                guard digit <= 9 else { return nil }
                value = value * 10 + Int(digit)
            }
            position += width
            return value
        }

        @inline(__always)
        mutating func expect(_ one: UInt8, _ other: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == one || bytes[position] == other else { return false }
            position += 1
            return true
        }
    }
}
