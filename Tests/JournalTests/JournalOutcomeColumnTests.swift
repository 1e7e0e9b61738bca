import CancelDeskCore
import Foundation
import GRDB
import Journal
import Testing

/// `vendor_status` and `connect_outcome` are enums in code and the same text on disk; a value this version does not
/// know still loads.
@Suite struct JournalOutcomeColumnTests {
    @Test func everyOutcomeKeepsItsTextOnDiskAndComesBackEqual() async throws {
        let outcomes: [(VendorStatus?, ConnectOutcome?, String, String)] = [
            (.cancelled, .status(.approved), "cancelled", "approved"),
            (
                .alreadyCancelled, .status(.approved, confirmedByReread: true), "already_cancelled",
                "approved (confirmed by re-read)"
            ),
            (.refused, .status(.failed, confirmedByReread: true), "refused", "failed (confirmed by re-read)"),
            (.refusedUnclear, .approvedAgain(), "refused_unclear", "approved again"),
            (
                .unauthorized, .approvedAgain(confirmedByReread: true), "unauthorized",
                "approved again (confirmed by re-read)"
            ),
            (nil, .refused, "", "refused"),
            (nil, .status(.revoked), "", "revoked"),
            (nil, nil, "", ""),
        ]
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            for (index, (vendor, connect, _, _)) in outcomes.enumerated() {
                var entry = sampleEntry("PR-\(index)", .approved)
                entry.vendorStatus = vendor
                entry.connectOutcome = connect
                try await journal.record(entry)
                #expect(try await journal.current(requestID: "PR-\(index)") == entry)
            }
            try journal.close()
            let raw = try DatabaseQueue(path: path)
            for (index, (_, _, vendorText, connectText)) in outcomes.enumerated() {
                let stored = try await raw.read { db in
                    try ["vendor_status", "connect_outcome"].map { column in
                        try String.fetchOne(
                            db, sql: "SELECT \(column) FROM request_state WHERE request_id = ?",
                            arguments: ["PR-\(index)"])
                    }
                }
                #expect(stored == [vendorText, connectText])
            }
            try raw.close()
        }
    }

    @Test func anUnknownStoredValueStillLoads() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            try await journal.record(sampleEntry("PR-1", .needsReview))
            try journal.close()
            let raw = try DatabaseQueue(path: path)
            try await raw.write { db in
                try db.execute(
                    sql: "UPDATE request_state SET vendor_status = 'paused_by_vendor', connect_outcome = 'archived' "
                        + "WHERE request_id = 'PR-1'")
            }
            try raw.close()
            let reopened = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            let entry = try #require(try await reopened.current(requestID: "PR-1"))
            #expect(entry.vendorStatus == .other("paused_by_vendor"))
            #expect(entry.connectOutcome == .other("archived"))
            try reopened.close()
        }
    }
}
