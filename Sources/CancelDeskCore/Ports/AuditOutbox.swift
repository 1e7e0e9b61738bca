public import Foundation

/// The journal's outbox of audit notes: private conversation messages that tell the team in Connect what was
/// decided. A note is queued together with the decision's journal row and delivered best effort, later if need be;
/// a note that cannot be delivered never blocks, fails or undoes a decision.
public protocol AuditOutbox: Sendable {
    /// Records `entry` as ``DecisionJournal/record(_:)`` does and queues `note`, in one durable transaction.
    func record(_ entry: JournalEntry, queueing note: AuditNote) async throws
    /// Notes not delivered yet that have had fewer than `maxAttempts` attempts, oldest first, at most `limit`;
    /// only `requestID`'s when given.
    func pendingAuditNotes(requestID: String?, maxAttempts: Int, limit: Int) async throws -> [AuditNote]
    /// The note was posted.
    func auditNoteDelivered(ref: String, at: Date) async throws
    /// An attempt to post the note failed with `error` (already redacted and sanitized).
    func auditNoteFailed(ref: String, error: String) async throws
}

/// One queued audit note: the text of a private message on a request's conversation.
public struct AuditNote: Sendable, Equatable {
    /// A unique reference, also printed in the text (a retry can tell whether an earlier attempt got through).
    public var ref: String
    public var requestID: String
    /// The decision the note reports.
    public var state: DecisionState
    /// The message, redacted and sanitized.
    public var text: String
    public var created: Date
    /// Failed attempts so far.
    public var attempts: Int
    /// The last attempt's error, when one failed.
    public var lastError: String

    public init(
        ref: String, requestID: String, state: DecisionState, text: String, created: Date, attempts: Int = 0,
        lastError: String = ""
    ) {
        self.ref = ref
        self.requestID = requestID
        self.state = state
        self.text = text
        self.created = created
        self.attempts = attempts
        self.lastError = lastError
    }
}
