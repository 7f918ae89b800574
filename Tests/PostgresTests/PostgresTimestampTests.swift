import FoundationEssentials
import Glibc
@testable import Postgres
import Testing

/// The server's timestamp text parsed by civil-day arithmetic gives what timegm gave.
struct PostgresTimestampTests {
    @Test func civilDaysAgreeWithTimegmAcrossLeapYearsAndBefore1970() {
        for year in [1900, 1969, 1970, 2000, 2024, 2026, 2100] {
            for month in 1...12 {
                for day in [1, 28, 29, 31] {
                    var parts = tm()
                    parts.tm_year = Int32(year - 1900)
                    parts.tm_mon = Int32(month - 1)
                    parts.tm_mday = Int32(day)
                    #expect(PostgresTimestamp.daysFromCivil(year: year, month: month, day: day) * 86_400 == timegm(&parts),
                            "\(year)-\(month)-\(day)")
                }
            }
        }
    }

    @Test func serverTextParsesToTheExactInstant() {
        #expect(PostgresTimestamp.parse("2026-03-01 00:00:00+00")?.timeIntervalSince1970 == 1_772_323_200)
        #expect(PostgresTimestamp.parse("2024-02-29 23:59:59.5+00")?.timeIntervalSince1970 == 1_709_251_199.5)
        #expect(PostgresTimestamp.parse("1969-12-31T23:00:00-01:30")?.timeIntervalSince1970 == 1_800)
        #expect(PostgresTimestamp.parse("2026-13-01 00:00:00+00")?.timeIntervalSince1970 == 1_798_761_600, "month 13: January of the next year, as timegm")
        #expect(PostgresTimestamp.parse("infinity") == nil)
        #expect(PostgresTimestamp.parse("2026-03-01 00:00") == nil)
    }

    @Test func parametersAreRFC3339WithMicrosecondsAndReadBackToTheSameInstant() {
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_772_323_200)) == "2026-03-01T00:00:00.000000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_709_251_199.5)) == "2024-02-29T23:59:59.500000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_800.000_001)) == "1970-01-01T00:30:00.000001Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 1_709_251_199.999_999_9)) == "2024-02-29T23:59:59.999999Z"
                || PostgresTimestamp.format(Date(timeIntervalSince1970: 1_709_251_199.999_999_9)) == "2024-03-01T00:00:00.000000Z")
        // Past the four-digit years the text form has more digits.
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000000Z")
        for seconds in stride(from: -86_400.25, through: 4_102_444_800, by: 86_399_999.125) {
            let text = PostgresTimestamp.format(Date(timeIntervalSince1970: seconds))
            #expect(PostgresTimestamp.parse(text)?.timeIntervalSince1970 == seconds, "\(text)")
        }
    }
}
