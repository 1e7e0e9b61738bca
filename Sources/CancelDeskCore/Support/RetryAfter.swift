internal import ConnectWire
internal import Foundation

/// Parses a `Retry-After` header value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
///
/// Accepts the IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`), which RFC 9110 requires senders to use, and
/// the obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms.
/// Clamping is the caller's business: this parser only says what the vendor asked for.
public enum RetryAfter {
    /// The delay the header asks for, relative to `now` (seconds since 1970); nil for garbage.
    /// A date in the past gives zero.
    public static func parse(_ header: String, now: Double) -> Duration? {
        let text = header.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.utf8.count <= 10, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let seconds = Int64(text)
        {
            return .seconds(seconds)
        }
        guard let date = parseHTTPDate(text) else { return nil }
        return .milliseconds(Int64((max(date - now, 0) * 1000).rounded()))
    }

    /// Seconds since 1970 for an HTTP-date in any of the three forms; nil when it is not one.
    public static func parseHTTPDate(_ text: String) -> Double? {
        let parts = text.split(separator: " ").map(String.init)
        switch parts.count {
        case 6: // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            guard parts[0].hasSuffix(","), parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]) else {
                return nil
            }
            return compose(year: year, month: parts[2], day: day, clock: parts[4])
        case 4: // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let date = parts[1].split(separator: "-").map(String.init)
            guard parts[0].hasSuffix(","), parts[3] == "GMT", date.count == 3, let day = Int(date[0]),
                let shortYear = Int(date[2]), date[2].count == 2
            else { return nil }
            // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
            let year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear
            return compose(year: year, month: date[1], day: day, clock: parts[2])
        case 5: // asctime: Sun Nov  6 08:49:37 1994 (split drops the double space)
            guard let day = Int(parts[2]), let year = Int(parts[4]) else { return nil }
            return compose(year: year, month: parts[1], day: day, clock: parts[3])
        default:
            return nil
        }
    }

    private static func compose(year: Int, month: String, day: Int, clock: String) -> Double? {
        guard let monthIndex = months.firstIndex(of: month), (1...31).contains(day), (1970...9999).contains(year)
        else { return nil }
        let fields = clock.split(separator: ":")
        guard fields.count == 3, fields.allSatisfy({ $0.count == 2 }), let hour = Int(fields[0]),
            let minute = Int(fields[1]), let second = Int(fields[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = CivilDate.days(year: year, month: monthIndex + 1, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
