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
}
