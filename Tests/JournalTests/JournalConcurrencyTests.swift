import CancelDeskCore
import Foundation
import Journal
import Testing

@Suite struct JournalConcurrencyTests {
    /// Two journals on one file stand for two processes (the TUI and `--auto`) sharing it.
    @Test func twoJournalsRacingForOneRequestHaveExactlyOneWinner() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let first = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            let second = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            let requests = (0..<8).map { "PR-race-\($0)" }
            let wins = try await withThrowingTaskGroup(of: [String: String].self) { group in
                for task in 0..<32 {
                    let journal = task.isMultiple(of: 2) ? first : second
                    group.addTask {
                        var won: [String: String] = [:]
                        for request in requests {
                            let claim = sampleEntry(request, .vendorSending, host: "task-\(task)")
                            if try await journal.recordIfUnclaimed(claim) { won[request] = claim.host }
                        }
                        return won
                    }
                }
                var all: [(request: String, host: String)] = []
                for try await won in group { all += won.map { ($0.key, $0.value) } }
                return all
            }
            // Each request was won exactly once, and both journals agree on who won it.
            #expect(wins.count == requests.count)
            #expect(Set(wins.map(\.request)) == Set(requests))
            #expect(try await first.history(requestID: nil).count == requests.count)
            for win in wins {
                #expect(try await first.current(requestID: win.request)?.host == win.host)
                #expect(try await second.history(requestID: win.request).map(\.host) == [win.host])
            }
        }
    }

    @Test func oneRequestRacedFromManyTasksAcrossTwoJournalsIsClaimedOnce() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journals = [
                try SQLiteJournal.open(path: path, logger: recordingLogger().0),
                try SQLiteJournal.open(path: path, logger: recordingLogger().0),
            ]
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for task in 0..<64 {
                    let journal = journals[task % 2]
                    group.addTask {
                        try await journal.recordIfUnclaimed(sampleEntry("PR-one", .vendorSending, host: "t\(task)"))
                    }
                }
                var results: [Bool] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(results.count == 64)
            #expect(results.filter { $0 }.count == 1)
            #expect(try await journals[1].history(requestID: "PR-one").count == 1)
        }
    }

    @Test func manyConcurrentSagasAreAllRecorded() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            let saga: [DecisionState] = [.vendorSending, .vendorCancelled, .approved]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<32 {
                    group.addTask {
                        for index in 0..<4 {
                            let request = "PR-\(task)-\(index)"
                            for state in saga {
                                try await journal.record(sampleEntry(request, state))
                                #expect(try await journal.current(requestID: request)?.state == state)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let history = try await journal.history(requestID: nil)
            #expect(history.count == 32 * 4 * saga.count)
            #expect(try await journal.unfinished().isEmpty)
            #expect(try await journal.history(requestID: "PR-31-3").map(\.state) == saga)
        }
    }

    @Test func processesOpeningAFreshJournalTogetherAllSucceed() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/new/journal.sqlite"
            let journals = try await withThrowingTaskGroup(of: SQLiteJournal.self) { group in
                for _ in 0..<4 {
                    group.addTask { try SQLiteJournal.open(path: path, logger: recordingLogger().0) }
                }
                var journals: [SQLiteJournal] = []
                for try await journal in group { journals.append(journal) }
                return journals
            }
            #expect(journals.count == 4)
            for (index, journal) in journals.enumerated() {
                try await journal.record(sampleEntry("PR-\(index)", .skipped))
            }
            #expect(try await journals[0].history(requestID: nil).count == 4)
            #expect(try await journals[3].settings().migrations == ["v1", "v2-review-cause", "audit_outbox"])
        }
    }
}
