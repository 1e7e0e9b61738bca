/// Connect's timestamps: ISO-8601 with an offset, with or without fractional seconds
/// (`2021-03-19T12:21:32+00:00`, `2018-09-03T10:28:18.472670+00:00`, `…Z`, and a space instead of `T`).
public enum WireTimestamp {
    /// Seconds since 1970 (UTC), or nil when `text` is not such a timestamp.
    public static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes.count <= 40 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == 45, let month = digits(5, 2), bytes[7] == 45,
            let day = digits(8, 2), bytes[10] == 84 || bytes[10] == 32 || bytes[10] == 116,
            let hour = digits(11, 2), bytes[13] == 58, let minute = digits(14, 2), bytes[16] == 58,
            let second = digits(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if index == bytes.count {
            offset = 0 // no zone: Connect's own timestamps are UTC
        } else if bytes[index] == 90 || bytes[index] == 122, index + 1 == bytes.count {
            offset = 0
        } else if bytes[index] == 43 || bytes[index] == 45 {
            let sign = bytes[index] == 43 ? 1 : -1
            guard let hours = digits(index + 1, 2), hours < 24 else { return nil }
            var minutes = 0
            if index + 3 == bytes.count {
                minutes = 0
            } else if bytes.count == index + 6, bytes[index + 3] == 58, let value = digits(index + 4, 2) {
                minutes = value
            } else if bytes.count == index + 5, let value = digits(index + 3, 2) {
                minutes = value
            } else {
                return nil
            }
            guard minutes < 60 else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        } else {
            return nil
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
    }

    /// Formats seconds since 1970 as `YYYY-MM-DDTHH:MM:SS+00:00`.
    public static func format(_ seconds: Double) -> String {
        let (days, rest) = CivilDate.split(seconds: Int(seconds.rounded(.down)))
        let (year, month, day) = CivilDate.date(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(year)-\(two(month))-\(two(day))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))+00:00"
    }
}
