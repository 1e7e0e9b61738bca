import CancelDeskCore
import Foundation
import Journal
import Logging
import Testing

/// The journal's audit outbox: a decision's row and its note in one transaction, delivery bookkeeping, and a
/// journal created before the outbox existed gains it on open.
@Suite struct JournalAuditOutboxTests {
    func note(_ requestID: String, ref: String, text: String = "canceldesk: approved") -> AuditNote {
        AuditNote(
            ref: ref, requestID: requestID, state: .approved, text: text, created: Date(timeIntervalSince1970: 10))
    }

    @Test func theDecisionAndItsNoteAreRecordedTogetherAndDeliveryIsTracked() async throws {
        try await withTemporaryDirectory { directory in
            let journal = try SQLiteJournal.open(path: directory + "/j.sqlite", logger: Logger(label: "t"))
            try await journal.record(sampleEntry("PR-1", .approved), queueing: note("PR-1", ref: "cd-1"))
            try await journal.record(sampleEntry("PR-2", .rejected), queueing: note("PR-2", ref: "cd-2"))
            #expect(try await journal.current(requestID: "PR-1")?.state == .approved)
            var pending = try await journal.pendingAuditNotes(requestID: nil, maxAttempts: 3, limit: 10)
            #expect(pending.map(\.ref) == ["cd-1", "cd-2"])
            #expect(
                try await journal.pendingAuditNotes(requestID: "PR-2", maxAttempts: 3, limit: 10).map(\.ref) == ["cd-2"]
            )
            try await journal.auditNoteDelivered(ref: "cd-1", at: Date())
            try await journal.auditNoteFailed(ref: "cd-2", error: "HTTP 503")
            pending = try await journal.pendingAuditNotes(requestID: nil, maxAttempts: 3, limit: 10)
            #expect(pending.map(\.ref) == ["cd-2"])
            #expect(pending.first?.attempts == 1)
            #expect(pending.first?.lastError == "HTTP 503")
            // Bounded: a note that used up its attempts is no longer offered.
            try await journal.auditNoteFailed(ref: "cd-2", error: "HTTP 503")
            #expect(try await journal.pendingAuditNotes(requestID: nil, maxAttempts: 2, limit: 10).isEmpty)
            try journal.close()
            // Reopened (and the table counts as the journal's own).
            let again = try SQLiteJournal.open(path: directory + "/j.sqlite", logger: Logger(label: "t"))
            #expect(try await again.pendingAuditNotes(requestID: nil, maxAttempts: 3, limit: 10).map(\.ref) == ["cd-2"])
            #expect(try await again.settings().migrations == ["v1", "v2-review-cause", "audit_outbox"])
            try again.close()
        }
    }

    @Test func aSecretInANoteNeverReachesTheDisk() async throws {
        SecretRedactor.register("outbox-secret-4711")
        try await withTemporaryDirectory { directory in
            let path = directory + "/j.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: Logger(label: "t"))
            try await journal.record(
                sampleEntry("PR-1", .approved), queueing: note("PR-1", ref: "cd-1", text: "said outbox-secret-4711"))
            try journal.close()
            let bytes =
                try Data(contentsOf: URL(fileURLWithPath: path))
                + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
            #expect(bytes.range(of: Data("outbox-secret-4711".utf8)) == nil)
        }
    }
}
