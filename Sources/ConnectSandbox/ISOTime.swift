import ConnectWire
internal import Foundation

/// Timestamps as microseconds since the Unix epoch, formatted the way Connect does (`…+00:00`).
enum ISOTime {
    /// 2025-05-30T00:00:00+00:00: the fixed "now" of the seeded data, so seeded output is reproducible.
    static let seedEpoch: Int64 = 1_748_563_200 * 1_000_000

    static let microsPerSecond: Int64 = 1_000_000

    /// The wall clock, for `updated` on actions.
    static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// `2025-05-30T12:21:32+00:00`, or `2025-05-30T12:21:32.472670+00:00` when there are microseconds.
    static func format(_ micros: Int64) -> String {
        let seconds = floorDivide(micros, microsPerSecond)
        let fraction = micros - seconds * microsPerSecond
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        return text + "+00:00"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with `Z`, `±HH:MM` or no offset (UTC); nil otherwise.
    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ width: Int) -> Int64? {
            guard position + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[position..<position + width] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            position += width
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = days(fromCivil: year, month, day) * 86_400
        var micros: Int64 = 0
        if expect("T ") {
            guard let hour = number(2), expect(":"), let minute = number(2) else { return nil }
            seconds += hour * 3600 + minute * 60
            if expect(":") {
                guard let second = number(2) else { return nil }
                seconds += second
                if expect(".") {
                    var digits = 0
                    while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                        if digits < 6 { micros = micros * 10 + Int64(bytes[position] - 48) }
                        digits += 1
                        position += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<max(digits, 6) { micros *= 10 }
                }
            }
            if position < bytes.count {
                if expect("Zz") {
                    // UTC
                } else {
                    let sign: Int64 = bytes[position] == UInt8(ascii: "-") ? -1 : 1
                    guard expect("+-"), let hours = number(2) else { return nil }
                    _ = expect(":")
                    guard let minutes = number(2) else { return nil }
                    seconds -= sign * (hours * 3600 + minutes * 60)
                }
            }
        }
        guard position == bytes.count else { return nil }
        return seconds * microsPerSecond + micros
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The calendar date of a day count since 1970 (the arithmetic lives in ``CivilDate``).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let (year, month, day) = CivilDate.date(days: Int(days))
        return (Int64(year), Int64(month), Int64(day))
    }

    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        Int64(CivilDate.days(year: Int(year), month: Int(month), day: Int(day)))
    }
}
