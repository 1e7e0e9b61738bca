import CancelDeskCore
import Foundation
import GRDB
import Journal
import Logging
import Testing

@Suite struct JournalRecordingTests {
    @Test func recordRoundTripsEveryField() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            #expect(try await journal.current(requestID: "PR-1") == nil)
            let entry = sampleEntry("PR-1", .vendorCancelled, at: 1_763_712_345.678_9)
            try await journal.record(entry)
            #expect(try await journal.current(requestID: "PR-1") == entry)
            #expect(try await journal.history(requestID: "PR-1") == [entry])
            #expect(try await journal.history(requestID: nil) == [entry])

            var empty = JournalEntry(requestID: "PR-2", state: .skipped, at: entry.at, mode: .cli)
            try await journal.record(empty)
            #expect(try await journal.current(requestID: "PR-2") == empty)
            empty.mode = .tui
            try await journal.record(empty)
            #expect(try await journal.current(requestID: "PR-2")?.mode == .tui)
        }
    }

    @Test func theCurrentTimeSurvivesWithinAMicrosecond() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            let now = Date()
            try await journal.record(JournalEntry(requestID: "PR-1", state: .vendorSending, at: now, mode: .auto))
            let stored = try #require(try await journal.current(requestID: "PR-1"))
            #expect(abs(stored.at.timeIntervalSince(now)) < 0.000_001)
        }
    }

    @Test func recentReadsOnlyTheNewestStepsOldestFirst() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            #expect(try await journal.recent(limit: 5).isEmpty)
            for number in 1...30 {
                let at = 1_763_712_000 + Double(number)
                try await journal.record(sampleEntry("PR-\(number)", .vendorSending, at: at))
            }
            #expect(try await journal.recent(limit: 3).map(\.requestID) == ["PR-28", "PR-29", "PR-30"])
            #expect(try await journal.recent(limit: 100).count == 30)
            #expect(try await journal.recent(limit: 0).isEmpty)
            #expect(try await journal.recent(limit: 30) == (try await journal.history(requestID: nil)))
        }
    }

    @Test func historyIsOldestFirstAndFiltersByRequest() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            // Recording order, not the `at` field, orders history (clocks may jump back).
            let steps = [
                sampleEntry("PR-A", .vendorSending, at: 1_000), sampleEntry("PR-B", .vendorSending, at: 900),
                sampleEntry("PR-A", .vendorCancelled, at: 800), sampleEntry("PR-B", .vendorRefused, at: 1_100),
                sampleEntry("PR-A", .approved, at: 1_200),
            ]
            for step in steps { try await journal.record(step) }
            #expect(try await journal.history(requestID: nil) == steps)
            #expect(try await journal.history(requestID: "PR-A") == [steps[0], steps[2], steps[4]])
            #expect(try await journal.history(requestID: "PR-B") == [steps[1], steps[3]])
            #expect(try await journal.history(requestID: "PR-none") == [])
            #expect(try await journal.current(requestID: "PR-A") == steps[4])
            #expect(try await journal.current(requestID: "PR-B") == steps[3])
        }
    }

    @Test func unfinishedListsOnlyNonFinalStatesOldestFirst() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            var expected: [JournalEntry] = []
            for (index, state) in DecisionState.allCases.enumerated() {
                // Later states get earlier times, so that time order differs from recording order.
                let entry = sampleEntry("PR-\(index)", state, at: 2_000 - Double(index))
                try await journal.record(entry)
                if !state.isFinal { expected.insert(entry, at: 0) }
            }
            // A request that moved on to a final state is no longer unfinished.
            try await journal.record(sampleEntry("PR-late", .vendorSending, at: 1))
            try await journal.record(sampleEntry("PR-late", .needsReview, at: 2))

            let unfinished = try await journal.unfinished()
            #expect(unfinished == expected)
            #expect(!unfinished.isEmpty)
            #expect(unfinished.allSatisfy { !$0.state.isFinal })
        }
    }

    @Test func recordIfUnclaimedLetsTheFirstWinAndSkippedBeReclaimed() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            let first = sampleEntry("PR-1", .vendorSending, host: "first")
            #expect(try await journal.recordIfUnclaimed(first))
            #expect(try await !journal.recordIfUnclaimed(sampleEntry("PR-1", .vendorSending, host: "second")))
            #expect(try await journal.current(requestID: "PR-1") == first)
            #expect(try await journal.history(requestID: "PR-1").count == 1)

            try await journal.record(sampleEntry("PR-1", .skipped))
            let retry = sampleEntry("PR-1", .vendorSending, host: "third")
            #expect(try await journal.recordIfUnclaimed(retry))
            #expect(try await journal.current(requestID: "PR-1") == retry)
            #expect(try await journal.history(requestID: "PR-1").count == 3)

            for state in DecisionState.allCases where state != .skipped {
                try await journal.record(sampleEntry("PR-2", state))
                #expect(try await !journal.recordIfUnclaimed(sampleEntry("PR-2", .vendorSending, host: "late")))
            }
        }
    }

    @Test func dataSurvivesCloseAndReopen() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let first = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            let steps = [sampleEntry("PR-1", .vendorSending), sampleEntry("PR-1", .vendorCancelled)]
            for step in steps { try await first.record(step) }
            try first.close()
            await #expect(throws: JournalError.self) { try await first.record(sampleEntry("PR-2", .skipped)) }

            let second = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            #expect(try await second.history(requestID: nil) == steps)
            #expect(try await second.current(requestID: "PR-1") == steps[1])
            #expect(try await second.unfinished() == [steps[1]])
            #expect(try await second.settings().migrations == ["v1", "v2-review-cause", "audit_outbox"])
        }
    }

    @Test func statesAndModesUnknownToThisVersionAreReportedNotFatal() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let (logger, log) = recordingLogger()
            let journal = try SQLiteJournal.open(path: path, logger: logger)
            let known = sampleEntry("PR-9", .vendorSending)
            try await journal.record(known)
            try await journal.record(sampleEntry("PR-ok", .approved))

            // A newer canceldesk records a state (and, for another request, a mode) this one does not know.
            let newer = try DatabaseQueue(path: path)
            try await newer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO journal_event (request_id, state, at, mode)
                        VALUES ('PR-9', 'vendor_paused', 5, 'auto');
                        UPDATE request_state SET state = 'vendor_paused', event_id = last_insert_rowid()
                        WHERE request_id = 'PR-9';
                        INSERT INTO journal_event (request_id, state, at, mode)
                        VALUES ('PR-m', 'approved', 6, 'daemon');
                        """)
            }
            try newer.close()

            let current = try await #require(throws: JournalError.self) { try await journal.current(requestID: "PR-9") }
            #expect(current.message.contains("vendor_paused"))
            #expect(current.message.contains("upgrade"))
            let unfinished = try await #require(throws: JournalError.self) { try await journal.unfinished() }
            #expect(unfinished.message.contains("PR-9"))
            #expect(try await !journal.recordIfUnclaimed(sampleEntry("PR-9", .vendorSending)))

            let history = try await journal.history(requestID: nil)
            #expect(history.map(\.requestID) == ["PR-9", "PR-ok"])
            #expect(log.messages.filter { $0.contains("skipping a journal event") }.count == 2)
            #expect(log.messages.contains { $0.contains("daemon") })
        }
    }

    @Test func eventsAreAppendOnly() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            try await journal.record(sampleEntry("PR-1", .vendorSending))
            let raw = try DatabaseQueue(path: path)
            await #expect(throws: DatabaseError.self) {
                try await raw.write { db in try db.execute(sql: "UPDATE journal_event SET state = 'approved'") }
            }
            try raw.close()
            #expect(try await journal.history(requestID: "PR-1").map(\.state) == [.vendorSending])
        }
    }
}
