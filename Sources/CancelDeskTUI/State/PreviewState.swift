public import CancelDeskCore

/// The preview pane's request: which one, and the request as last read from Connect. The read starts once the
/// cursor rests (the run loop reports a pause in the keys), so moving through the list never waits for it.
public struct PreviewState: Sendable, Equatable {
    /// The terminal size from which the pane is on by default.
    public static let defaultMinimum = TerminalSize(rows: 35, columns: 120)
    /// The pane is never shown when the full list would have fewer rows than this.
    static let minimumListRows = 12

    /// The request asked for (or shown); nil before the first.
    public internal(set) var requestID: String?
    /// The request as last read; nil until the read arrives.
    public internal(set) var request: FulfillmentRequest?
    /// Why the last read failed (sanitized).
    public internal(set) var loadError: String?
    /// A read of ``requestID`` was asked for and is current.
    var requested = false

    static func isLargeEnough(_ size: TerminalSize) -> Bool {
        size.rows >= defaultMinimum.rows && size.columns >= defaultMinimum.columns
    }
}
