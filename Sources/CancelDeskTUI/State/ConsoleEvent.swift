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
    /// Progress and results from the engine (its only result channel).
    case engine(EngineEvent)
    /// Journal entries arrived: one request's (`requestID`), or the recent journal (nil).
    case historyLoaded(requestID: String?, [JournalEntry])
    /// The journal's requests waiting for review (their needs_review rows), read with each listing.
    case reviewsLoaded([JournalEntry])
    /// Reading the journal failed.
    case historyFailed(requestID: String?, String)
    /// The terminal changed size.
    case resized(TerminalSize)
    /// No key arrived for a moment: the cursor rests (the preview pane reads its request now).
    case idle
    /// The request was assigned to the operator (``ConsoleCommand/claim(requestID:)``), as Connect answered.
    case claimed(FulfillmentRequest)
    /// Assigning the request failed; `message` is shown (sanitized).
    case claimFailed(requestID: String, String)
}

/// What the reducer asks the run loop to do; the loop hands these to the engine in background tasks.
public enum ConsoleCommand: Sendable, Equatable {
    /// List the queue again.
    case loadSnapshot
    /// Hand these requests with this decision to the engine's work-list runner as batch `batch`; the results
    /// come back as engine events. `expecting` holds the vendor subscription id each request showed when the
    /// operator decided (absent when none).
    case process(requestIDs: [String], decision: Decision, expecting: [String: String] = [:], batch: Int = 0)
    /// Stop batch `batch` (every batch when nil): nothing new starts; requests in flight finish.
    case stopBatch(Int?)
    /// Read one request in full (the detail view shows it).
    case loadRequest(requestID: String)
    /// Read the journal: one request's history, or the recent journal (nil).
    case loadHistory(requestID: String?)
    /// Put this text on the operator's clipboard (OSC 52, written by the terminal thread).
    case copy(String)
    /// Assign the request to the operator (`connect.assignee`): a soft claim every console sees.
    case claim(requestID: String)
    /// Leave the console.
    case quit
}
