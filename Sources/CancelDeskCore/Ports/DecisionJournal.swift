public import Foundation

/// The durable record of every decision and every step toward it (SQLite in production).
///
/// ``record(_:)`` must be durable when it returns: the engine makes no remote call until the step before it is
/// recorded, and makes none at all when recording throws.
public protocol DecisionJournal: Sendable {
    /// Appends one step and moves the request's current state, atomically and durably.
    func record(_ entry: JournalEntry) async throws
    /// Records `entry` only when the request has no current state or its current state is ``DecisionState/skipped``:
    /// a local claim that two processes sharing one journal cannot both win. Returns whether it was recorded.
    func recordIfUnclaimed(_ entry: JournalEntry) async throws -> Bool
    /// Records `entry` only when the request's current state is `expected`: the claim an operator's retry of a
    /// ``DecisionState/needsReview`` row makes, so that two processes cannot both take it up. Returns whether it
    /// was recorded.
    func recordIfCurrent(_ entry: JournalEntry, is expected: DecisionState) async throws -> Bool
    /// The request's current state, or nil when the journal has never seen it.
    func current(requestID: String) async throws -> JournalEntry?
    /// Every request whose current state is not final (what a crash may have left half-done).
    func unfinished() async throws -> [JournalEntry]
    /// Every recorded step, oldest first; only one request's when `requestID` is given.
    func history(requestID: String?) async throws -> [JournalEntry]
    /// The current entry of every request in ``DecisionState/needsReview``, oldest first.
    func needingReview() async throws -> [JournalEntry]
    /// The newest `limit` recorded steps of all requests, oldest first; reads only those (a bounded query).
    func recent(limit: Int) async throws -> [JournalEntry]
    /// The storage's own integrity check; nil when it passes, else what it reported.
    func integrityProblem() async throws -> String?
}

/// Where a request stands in the saga. Stored by raw value: never rename a case.
public enum DecisionState: String, Sendable, Equatable, CaseIterable, Codable {
    /// Checks passed; the vendor cancel is about to be sent.
    case vendorSending = "vendor_sending"
    /// The vendor confirmed the cancel (or that it was already cancelled).
    case vendorCancelled = "vendor_cancelled"
    /// The vendor refused permanently.
    case vendorRefused = "vendor_refused"
    /// Fail (reject) is about to be sent to Connect.
    case rejectSending = "reject_sending"
    /// Final: approved in Connect after the vendor cancel.
    case approved
    /// Final: failed in Connect with a reason.
    case rejected
    /// Final: someone else already approved or failed the request the way we would have.
    case doneByOther = "done_by_other"
    /// Final for automation: a person must look (contradiction, ambiguous vendor answer, vendor refusal in review mode).
    case needsReview = "needs_review"
    /// Final for this attempt: not acted on (no longer pending, out of scope, missing parameter, dry run).
    case skipped

    /// True when no recovery pass will touch the request again.
    public var isFinal: Bool {
        switch self {
        case .approved, .rejected, .doneByOther, .needsReview, .skipped: true
        default: false
        }
    }
}

/// How canceldesk was run when it recorded a step.
public enum RunMode: String, Sendable, Equatable, Codable {
    case tui, auto, cli
}

/// One journal row: a step of one request, with the audit fields.
public struct JournalEntry: Sendable, Equatable, Codable {
    public var requestID: String
    public var state: DecisionState
    public var at: Date
    public var mode: RunMode
    /// OS user (from the password database, not `$USER`).
    public var osUser: String
    public var host: String
    /// The Connect user the API key belongs to.
    public var connectUser: String
    public var subscriptionID: String
    public var idempotencyKey: String
    /// The vendor's outcome, when the step has one.
    public var vendorStatus: VendorStatus?
    /// The vendor's message, sanitized and truncated.
    public var vendorMessage: String
    /// Connect's outcome, when the step has one.
    public var connectOutcome: ConnectOutcome?
    /// The reject reason sent to Connect, or why the request was skipped or needs review.
    public var reason: String
    /// The approve template used.
    public var templateID: String
    /// The process that wrote the step (`host:pid`): an unfinished row is resumed only once its owner is gone.
    public var owner: String
    /// Why a person must look, on a ``DecisionState/needsReview`` row (``ReviewCause/unknown`` when not recorded);
    /// nil on every other row.
    public var reviewCause: ReviewCause?

    public init(
        requestID: String, state: DecisionState, at: Date, mode: RunMode, osUser: String = "", host: String = "",
        connectUser: String = "", subscriptionID: String = "", idempotencyKey: String = "",
        vendorStatus: VendorStatus? = nil, vendorMessage: String = "", connectOutcome: ConnectOutcome? = nil,
        reason: String = "", templateID: String = "", owner: String = "", reviewCause: ReviewCause? = nil
    ) {
        self.requestID = requestID
        self.state = state
        self.at = at
        self.mode = mode
        self.osUser = osUser
        self.host = host
        self.connectUser = connectUser
        self.subscriptionID = subscriptionID
        self.idempotencyKey = idempotencyKey
        self.vendorStatus = vendorStatus
        self.vendorMessage = vendorMessage
        self.connectOutcome = connectOutcome
        self.reason = reason
        self.templateID = templateID
        self.owner = owner
        self.reviewCause = state == .needsReview ? reviewCause ?? .unknown : reviewCause
    }
}

/// The journal could not be opened or written: nothing remote may happen.
public struct JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "journal: \(message)" }
}
