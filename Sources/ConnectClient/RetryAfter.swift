internal import ConnectWire

/// Parses a `Retry-After` header: delay-seconds or an IMF-fixdate HTTP-date (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// The delay the header asks for, relative to `now` (seconds since 1970); nil for garbage.
    /// A date in the past gives zero.
    public static func parse(_ header: String, now: Double) -> Duration? {
        let text = String(header.trimmingASCIIWhitespace())
        if !text.isEmpty, text.count <= 10, text.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(text) {
            return .seconds(seconds)
        }
        guard let date = parseHTTPDate(text) else { return nil }
        return .milliseconds(Int64((max(date - now, 0) * 1000).rounded()))
    }

    /// Parses `Sun, 06 Nov 1994 08:49:37 GMT` into seconds since 1970.
    public static func parseHTTPDate(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), (1...31).contains(day),
            let month = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), (1970...9999).contains(year)
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = WireTimestamp.daysFromCivil(year: year, month: month + 1, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

