public import CancelDeskCore
public import Foundation

/// Everything that can change the console's state: keys, time, and what the engine reports back.
public enum ConsoleEvent: Sendable {
    /// A key, with the action the keymap gives it in the current ``ConsoleState/keyContext`` (nil when unbound;
    /// the raw key is then used for text entry).
    case key(KeyAction?, Key)
    /// The clock moved (the console ticks about once a second).
    case tick(Date)
    /// A listing arrived.
    case snapshotLoaded(LoadedSnapshot)
    /// A listing failed; `message` is shown (sanitized) and the old rows stay.
    case snapshotFailed(String, at: Date)
    /// The Connect account became known (the console starts before Connect answers): the title bar names it.
    case accountResolved(String)
    /// A request read in full for the detail view.
    case requestLoaded(FulfillmentRequest)
    /// Reading a request for the detail view failed; `message` is shown (sanitized).
    case requestFailed(requestID: String, String)
    /// Progress from the engine.
    case engine(EngineEvent)
    /// The engine finished one request.
    case processFinished(RequestResult)
    /// Journal entries arrived: one request's (`requestID`), or the recent journal (nil).
    case historyLoaded(requestID: String?, [JournalEntry])
    /// Reading the journal failed.
    case historyFailed(requestID: String?, String)
    /// The terminal changed size.
    case resized(TerminalSize)
}

/// What the reducer asks the run loop to do; the loop hands these to the engine in background tasks.
public enum ConsoleCommand: Sendable, Equatable {
    /// List the queue again.
    case loadSnapshot
    /// Process these requests with this decision (bounded concurrency; one result per request). `expecting`
    /// holds the vendor subscription id each request showed when the operator decided (absent when none).
    case process(requestIDs: [String], decision: Decision, expecting: [String: String] = [:])
    /// Read one request in full (the detail view shows it).
    case loadRequest(requestID: String)
    /// Read the journal: one request's history, or the recent journal (nil).
    case loadHistory(requestID: String?)
    /// Leave the console.
    case quit
}
