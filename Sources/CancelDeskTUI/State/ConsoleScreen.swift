public import CancelDeskCore

/// A screen on the console's stack; the list is always underneath.
public enum ConsoleScreen: Sendable, Equatable {
    /// One request in full.
    case detail(DetailView)
    /// The approve or reject dialog.
    case dialog(DecisionDialog)
    /// The key help for `context` (the screen underneath).
    case help(context: KeyContext, scroll: Int)
    /// The message log.
    case messages(scroll: Int)
    /// The journal.
    case history(scroll: Int)
}

/// The detail screen's state: which request, the request as last read from Connect (read when the screen
/// opens and again with each listing; the list keeps rows only), and how far it is scrolled.
public struct DetailView: Sendable, Equatable {
    public let requestID: String
    /// The request as last read; nil until the first read arrives.
    public internal(set) var request: FulfillmentRequest?
    /// Why the last read failed (sanitized); the last request read, if any, stays shown.
    public internal(set) var loadError: String?
    public internal(set) var scroll: Int

    init(requestID: String, scroll: Int = 0) {
        self.requestID = requestID
        self.scroll = scroll
    }
}
