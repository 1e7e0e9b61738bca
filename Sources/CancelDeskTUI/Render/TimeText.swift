import ConnectWire
import Foundation

/// Times as the console writes them: UTC timestamps, the same on every machine (ages: ``DurationText``).
enum TimeText {
    /// `2023-11-14 22:13 UTC`; with `seconds`, `2023-11-14 22:13:20 UTC`.
    static func utc(_ date: Date, seconds: Bool = false) -> String {
        let (days, secondsOfDay) = CivilDate.split(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
        let (year, month, day) = CivilDate.date(days: days)
        let time =
            two(secondsOfDay / 3_600) + ":" + two(secondsOfDay % 3_600 / 60)
            + (seconds ? ":" + two(secondsOfDay % 60) : "")
        return "\(year)-\(two(month))-\(two(day)) \(time) UTC"
    }

    /// `22:13:20` (UTC), for the message log.
    static func clock(_ date: Date) -> String {
        let (_, secondsOfDay) = CivilDate.split(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return two(secondsOfDay / 3_600) + ":" + two(secondsOfDay % 3_600 / 60) + ":" + two(secondsOfDay % 60)
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
