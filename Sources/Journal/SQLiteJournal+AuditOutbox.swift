public import CancelDeskCore
public import Foundation
import GRDB

/// The journal keeps the audit outbox: a decision's row and its note are written in one transaction.
extension SQLiteJournal: AuditOutbox {
    public func record(_ entry: JournalEntry, queueing note: AuditNote) async throws {
        try await write("recording \(Self.describe(entry)) with its audit note") { db in
            try JournalSchema.append(entry, in: db)
            try db.cachedStatement(sql: AuditOutboxSchema.insert).execute(arguments: [
                note.ref, note.requestID, note.state.rawValue, note.created.timeIntervalSince1970,
                SecretRedactor.redact(note.text),
            ])
        }
    }

    public func pendingAuditNotes(requestID: String?, maxAttempts: Int, limit: Int) async throws -> [AuditNote] {
        try await read("reading the audit outbox") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: AuditOutboxSchema.pending),
                arguments: [maxAttempts, requestID, requestID, limit]
            ).compactMap(AuditOutboxSchema.note)
        }
    }

    public func auditNoteDelivered(ref: String, at: Date) async throws {
        try await write("marking audit note \(JournalRow.shown(ref)) delivered") { db in
            try db.cachedStatement(sql: AuditOutboxSchema.delivered).execute(arguments: [at.timeIntervalSince1970, ref])
        }
    }

    public func auditNoteFailed(ref: String, error: String) async throws {
        try await write("noting a failed attempt of audit note \(JournalRow.shown(ref))") { db in
            try db.cachedStatement(sql: AuditOutboxSchema.failed).execute(arguments: [
                TextSanitizer.clean(SecretRedactor.redact(error), limit: 500), ref,
            ])
        }
    }
}
