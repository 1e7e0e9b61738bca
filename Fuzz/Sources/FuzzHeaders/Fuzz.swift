import CancelDeskCore
import ConnectWire
import FuzzSupport

/// Header and timestamp parsers: `ContentRange(header:)`, `RetryAfter.parse`/`parseHTTPDate` (CancelDeskCore), `WireTimestamp.parse`.
///
/// The first byte picks a fixed "now" for Retry-After; the rest is the header text. Properties: a parsed
/// Content-Range is ordered and non-negative and round-trips through its description; a Retry-After delay is
/// never negative (a past date is zero) and delay-seconds round-trip; a timestamp that parses round-trips through
/// `WireTimestamp.format` to the same whole second.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let nows: [Double] = [0, 784_111_777, 1_700_000_000, 253_402_300_799, -1]
    let now = nows[input.pick(nows.count)]
    let text = String(decoding: input.rest, as: UTF8.self)

    if let range = ContentRange(header: text) {
        require(range.first >= 0 && range.first <= range.last && range.total >= 0, "bad range \(range) from \(text)")
        require(ContentRange(header: range.description) == range, "\(range) does not round-trip")
    }

    if let delay = RetryAfter.parse(text, now: now) {
        require(delay >= .zero, "negative Retry-After \(delay) from \(scalarDump(text))")
        if let seconds = Int(text.trimmingASCIIWhitespace()), seconds >= 0 {
            require(delay == .seconds(seconds), "delay-seconds \(seconds) parsed as \(delay)")
        }
    }
    if let date = RetryAfter.parseHTTPDate(text) {
        require(date >= 0, "HTTP-date before 1970: \(date) from \(text)")
    }

    if let seconds = WireTimestamp.parse(text) {
        require(seconds.isFinite, "non-finite timestamp from \(text)")
        let whole = seconds.rounded(.down)
        if whole >= -62_135_596_800, whole <= 253_402_300_799 { // years 0001…9999: four-digit years
            let formatted = WireTimestamp.format(whole)
            if let again = WireTimestamp.parse(formatted) {
                require(again == whole, "\(text) → \(whole) → \(formatted) → \(again)")
            } else if whole >= -30_610_224_000 { // year 1000 and later print with four digits
                require(false, "\(text) → \(whole) → \(formatted) does not parse back")
            }
        }
    }
    return 0
}
