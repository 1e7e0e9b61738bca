public import Foundation

/// The one place canceldesk turns durations into numbers and words: log fields (`ms`), deadlines in messages
/// (`1.5 s`) and request ages (`45s`, `12m`, `5h`, `3d`) in the console and `canceldesk list`.
public enum DurationText {
    /// `3 s`, `2.5 s`: a deadline or a wait, for messages.
    public static func spoken(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return String(format: "%.1f s", Double(milliseconds) / 1000)
    }

    /// A compact age: `45s`, `12m`, `5h` (below 48 hours), `3d`; a negative age is `0s`.
    public static func age(_ seconds: Double) -> String {
        let seconds = max(Int(seconds.rounded(.down)), 0)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3_600: return "\(seconds / 60)m"
        case ..<(48 * 3_600): return "\(seconds / 3_600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// The age of `date` at `now`.
    public static func age(of date: Date, at now: Date) -> String {
        age(now.timeIntervalSince(date))
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating far beyond any deadline canceldesk uses.
    public var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, sumOverflow) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return sumOverflow ? (seconds < 0 ? .min : .max) : sum
    }

    /// The duration in whole milliseconds (saturating like ``wholeNanoseconds``).
    public var wholeMilliseconds: Int64 { wholeNanoseconds / 1_000_000 }

    /// The duration in seconds, as a `Double`.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
