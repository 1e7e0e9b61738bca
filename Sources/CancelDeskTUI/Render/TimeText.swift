import Foundation

/// Times as the console writes them: compact ages and UTC timestamps, the same on every machine.
enum TimeText {
    /// A compact age: `45s`, `12m`, `5h`, `3d`.
    static func age(_ seconds: Double) -> String {
        let seconds = max(Int(seconds.rounded(.down)), 0)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3_600: return "\(seconds / 60)m"
        case ..<(48 * 3_600): return "\(seconds / 3_600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// The age of `date` at `now`.
    static func age(of date: Date, at now: Date) -> String {
        age(now.timeIntervalSince(date))
    }

    /// `2023-11-14 22:13 UTC`; with `seconds`, `2023-11-14 22:13:20 UTC`.
    static func utc(_ date: Date, seconds: Bool = false) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let time = two(secondsOfDay / 3_600) + ":" + two(secondsOfDay % 3_600 / 60)
            + (seconds ? ":" + two(secondsOfDay % 60) : "")
        return "\(year)-\(two(month))-\(two(day)) \(time) UTC"
    }

    /// `22:13:20` (UTC), for the message log.
    static func clock(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let secondsOfDay = ((total % 86_400) + 86_400) % 86_400
        return two(secondsOfDay / 3_600) + ":" + two(secondsOfDay % 3_600 / 60) + ":" + two(secondsOfDay % 60)
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Year, month and day of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
