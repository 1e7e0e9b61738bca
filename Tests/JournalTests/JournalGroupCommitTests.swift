import CancelDeskCore
import Foundation
import Journal
import Testing

@Suite struct JournalGroupCommitTests {
    /// Many writers at once share transactions; every one of them is recorded, in a history of its own.
    @Test func concurrentWritesAreAllRecorded() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let id = "PR-batch-\(index)"
                        #expect(try await journal.recordIfUnclaimed(sampleEntry(id, .vendorSending)))
                        try await journal.record(sampleEntry(id, .vendorCancelled))
                        try await journal.record(sampleEntry(id, .approved))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await journal.history(requestID: nil).count == 300)
            #expect(try await journal.unfinished().isEmpty)
            for index in [0, 42, 99] {
                let states = try await journal.history(requestID: "PR-batch-\(index)").map(\.state)
                #expect(states == [.vendorSending, .vendorCancelled, .approved])
            }
            try journal.close()
        }
    }

    /// A claim batched behind another claim of the same request sees it and loses.
    @Test func claimsOfOneRequestInOneJournalHaveOneWinner() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for task in 0..<48 {
                    group.addTask {
                        try await journal.recordIfUnclaimed(sampleEntry("PR-one", .vendorSending, host: "t\(task)"))
                    }
                }
                var wins = 0
                for try await won in group where won { wins += 1 }
                return wins
            }
            #expect(wins == 1)
            #expect(try await journal.history(requestID: "PR-one").count == 1)
            try journal.close()
        }
    }
}
