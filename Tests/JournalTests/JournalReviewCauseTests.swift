import CancelDeskCore
import Foundation
import GRDB
import Journal
import Testing

/// The review cause column (migration `v2-review-cause`): stored, read back, and `unknown` on older rows.
@Suite struct JournalReviewCauseTests {
    @Test func aReviewRowKeepsItsCauseAndIsListedAsNeedingReview() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            var row = sampleEntry("PR-2", .needsReview)
            row.reviewCause = .vendorRefusal
            row.vendorMessage = "legal hold"
            try await journal.record(sampleEntry("PR-1", .approved))
            try await journal.record(row)
            #expect(try await journal.current(requestID: "PR-2")?.reviewCause == .vendorRefusal)
            #expect(try await journal.current(requestID: "PR-1")?.reviewCause == nil)
            let waiting = try await journal.needingReview()
            #expect(waiting.map(\.requestID) == ["PR-2"])
            #expect(waiting.first?.vendorMessage == "legal hold")
            #expect(try await journal.history(requestID: "PR-2").last?.reviewCause == .vendorRefusal)
        }
    }

    @Test func onlyTheExpectedCurrentStateIsReclaimed() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            try await journal.record(sampleEntry("PR-1", .needsReview))
            #expect(try await journal.recordIfCurrent(sampleEntry("PR-1", .vendorSending), is: .needsReview))
            #expect(try await journal.recordIfCurrent(sampleEntry("PR-1", .vendorSending), is: .needsReview) == false)
            #expect(try await journal.recordIfCurrent(sampleEntry("PR-2", .vendorSending), is: .needsReview) == false)
            #expect(try await journal.current(requestID: "PR-1")?.state == .vendorSending)
        }
    }

    @Test func aReviewRowWrittenBeforeTheMigrationReadsAsUnknown() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            try Self.makeVersionOneJournal(path, needingReview: "PR-OLD")
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            #expect(try await journal.settings().migrations == ["v1", "v2-review-cause", "audit_outbox"])
            let old = try #require(try await journal.current(requestID: "PR-OLD"))
            #expect(old.state == .needsReview)
            #expect(old.reviewCause == .unknown)
            #expect(try await journal.needingReview().map(\.reviewCause) == [.unknown])
        }
    }

    /// A journal as canceldesk wrote it before review causes: schema `v1`, one needs_review row.
    static func makeVersionOneJournal(_ path: String, needingReview id: String) throws {
        let columns = """
            request_id TEXT NOT NULL, state TEXT NOT NULL, at REAL NOT NULL, mode TEXT NOT NULL,
            os_user TEXT NOT NULL DEFAULT '', host TEXT NOT NULL DEFAULT '', connect_user TEXT NOT NULL DEFAULT '',
            subscription_id TEXT NOT NULL DEFAULT '', idempotency_key TEXT NOT NULL DEFAULT '',
            vendor_status TEXT NOT NULL DEFAULT '', vendor_message TEXT NOT NULL DEFAULT '',
            connect_outcome TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
            template_id TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT ''
            """
        let stateColumns = columns.replacingOccurrences(
            of: "request_id TEXT NOT NULL", with: "request_id TEXT PRIMARY KEY NOT NULL")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE journal_event (id INTEGER PRIMARY KEY AUTOINCREMENT, \(columns));
                    CREATE TABLE request_state (
                        event_id INTEGER NOT NULL REFERENCES journal_event(id), \(stateColumns));
                    PRAGMA application_id = \(0x4344_4A4C);
                    """)
            try db.execute(
                sql: """
                    INSERT INTO journal_event (request_id, state, at, mode, reason)
                    VALUES (?, 'needs_review', 1, 'auto', 'x')
                    """,
                arguments: [id])
            try db.execute(
                sql: """
                    INSERT INTO request_state (event_id, request_id, state, at, mode, reason)
                    VALUES (1, ?, 'needs_review', 1, 'auto', 'x')
                    """, arguments: [id])
        }
        try queue.close()
    }
}
