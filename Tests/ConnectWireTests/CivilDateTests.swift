import ConnectWire
import Testing

@Suite struct CivilDateTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017), (1969, 12, 31, -1), (1900, 3, 1, -25_508),
        (2024, 12, 31, 20_088), (9999, 12, 31, 2_932_896),
    ])
    func daysAndDatesAreInverse(year: Int, month: Int, day: Int, days: Int) {
        #expect(CivilDate.days(year: year, month: month, day: day) == days)
        let date = CivilDate.date(days: days)
        #expect(date.year == year && date.month == month && date.day == day)
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        let wrong = (-200_000...200_000).filter { days in
            let date = CivilDate.date(days: days)
            return CivilDate.days(year: date.year, month: date.month, day: date.day) != days
        }
        #expect(wrong.isEmpty)
    }

    @Test func splittingFloorsNegativeSeconds() {
        let cases = [(86_399, 0, 86_399), (86_400, 1, 0), (-1, -1, 86_399), (-86_400, -1, 0)]
        for (seconds, days, secondOfDay) in cases {
            let split = CivilDate.split(seconds: seconds)
            #expect(split.days == days && split.secondOfDay == secondOfDay, "\(seconds)")
        }
    }
}
