public import CancelDeskCore
public import Foundation

/// An ``InMemoryJournal`` that also keeps the audit outbox (a decision's row and its note together).
public actor InMemoryOutboxJournal: DecisionJournal, AuditOutbox {
    public let journal = InMemoryJournal()
    public private(set) var notes: [AuditNote] = []
    private var delivered: Set<String> = []

    public init() {}

    /// Notes not delivered yet.
    public var undelivered: [AuditNote] { notes.filter { !delivered.contains($0.ref) } }

    public func record(_ entry: JournalEntry) async throws { try await journal.record(entry) }

    public func recordIfUnclaimed(_ entry: JournalEntry) async throws -> Bool {
        try await journal.recordIfUnclaimed(entry)
    }

    public func current(requestID: String) async throws -> JournalEntry? {
        try await journal.current(requestID: requestID)
    }

    public func unfinished() async throws -> [JournalEntry] { try await journal.unfinished() }

    public func history(requestID: String?) async throws -> [JournalEntry] {
        try await journal.history(requestID: requestID)
    }

    public func integrityProblem() async throws -> String? { nil }

    public func recordIfCurrent(_ entry: JournalEntry, is state: DecisionState) async throws -> Bool {
        try await journal.recordIfCurrent(entry, is: state)
    }

    public func needingReview() async throws -> [JournalEntry] { try await journal.needingReview() }

    public func recent(limit: Int) async throws -> [JournalEntry] { try await journal.recent(limit: limit) }

    public func record(_ entry: JournalEntry, queueing note: AuditNote) async throws {
        try await journal.record(entry)
        notes.append(note)
    }

    public func pendingAuditNotes(requestID: String?, maxAttempts: Int, limit: Int) async throws -> [AuditNote] {
        Array(
            undelivered.filter { $0.attempts < maxAttempts && (requestID == nil || $0.requestID == requestID) }
                .prefix(limit))
    }

    public func auditNoteDelivered(ref: String, at: Date) async throws {
        delivered.insert(ref)
    }

    public func auditNoteFailed(ref: String, error: String) async throws {
        guard let index = notes.firstIndex(where: { $0.ref == ref }) else { return }
        notes[index].attempts += 1
        notes[index].lastError = error
    }
}
