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

/// The detail screen's state: the request (a copy, refreshed with each snapshot while the request is listed)
/// and how far it is scrolled.
public struct DetailView: Sendable, Equatable {
    public internal(set) var request: FulfillmentRequest
    public internal(set) var scroll: Int

    public var requestID: String { request.id }
}
