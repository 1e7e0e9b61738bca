import CancelDeskCore
import CancelDeskTestSupport
import Synchronization
import Testing

/// Issue 10: ``CancelEngine/run(_:options:shouldStop:)``, the one work-list runner behind every front end.
@Suite struct WorkListTests {
    /// Collects the engine's events.
    final class Events: Sendable {
        private let events = Mutex<[EngineEvent]>([])
        var all: [EngineEvent] { events.withLock { $0 } }
        var finished: [RequestResult] {
            all.compactMap { if case .finished(let result) = $0 { result } else { nil } }
        }
        var notStarted: [[String]] {
            all.compactMap { if case .notStarted(let ids, _) = $0 { ids } else { nil } }
        }
        func record(_ event: EngineEvent) { events.withLock { $0.append(event) } }
    }

    @Test func aListOfMixedDecisionsIsWorkedAndEveryResultComesAsAnEvent() async throws {
        let api = InMemoryRequestsAPI((1...4).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        let events = Events()
        let engine = Fixtures.engine(api, vendor, InMemoryJournal(), mode: .tui, events: events.record)
        let ids = (1...4).map { Fixtures.request($0).id }
        let items = [
            WorkItem(requestID: ids[0], decision: .approve, expectedSubscriptionID: "SUB-1"),
            WorkItem(requestID: ids[1], decision: .reject(reason: "The customer stays.")),
            WorkItem(requestID: ids[2], decision: .approve, expectedSubscriptionID: "SUB-OTHER"),
            WorkItem(requestID: ids[3], decision: .approve),
        ]
        let summary = await engine.run(items, options: QueueOptions(concurrency: 2)) { false }
        #expect(summary.approved == 2)
        #expect(summary.rejected == 1)
        #expect(summary.needsReview == 1, "the subscription changed since the operator saw it")
        let kinds = Dictionary(uniqueKeysWithValues: events.finished.map { ($0.requestID, $0.kind) })
        #expect(kinds == [ids[0]: .approved, ids[1]: .rejected, ids[2]: .needsReview, ids[3]: .approved])
        #expect(events.notStarted.isEmpty)
        #expect(await vendor.applied == ["SUB-1": 1, "SUB-4": 1])
        #expect(await api.failCalls.map(\.reason) == ["The customer stays."])
    }

    @Test func aStopStartsNothingNewAndNamesWhatWasNotStarted() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        let events = Events()
        let started = Mutex(0)
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal(), mode: .tui) { event in
            if case .started = event { started.withLock { $0 += 1 } }
            events.record(event)
        }
        let items = (1...30).map { WorkItem(requestID: Fixtures.request($0).id, decision: .approve) }
        let summary = await engine.run(items, options: QueueOptions(concurrency: 2)) { started.withLock { $0 >= 5 } }
        let left = try #require(events.notStarted.first)
        #expect(events.notStarted.count == 1)
        #expect(summary.approved + left.count == 30, "every item either finished or is named as not started")
        #expect(Set(left).isDisjoint(with: events.finished.map(\.requestID)))
        #expect(summary.failed == 0, "in-flight requests finished")
        #expect(events.all.contains(.stopping(reason: "stop requested")))
    }

    @Test func anOutageOpensTheBreakerAndTheRestIsNotStarted() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        await vendor.answerEveryCall(.transient(message: "503 Service Unavailable", retryAfter: nil))
        let events = Events()
        let engine = Fixtures.engine(api, vendor, InMemoryJournal(), mode: .tui, events: events.record)
        // One worker: the third failure of five requests in a row opens the breaker before the list is through.
        let items = (1...30).map { WorkItem(requestID: Fixtures.request($0).id, decision: .approve) }
        let summary = await engine.run(items, options: QueueOptions(concurrency: 1, readAhead: nil)) { false }
        #expect(summary.circuitOpenedBy == .vendor)
        #expect(summary.unavailable)
        #expect(await api.failCalls.isEmpty, "an outage never becomes a rejection")
        #expect(events.finished.count + (events.notStarted.first?.count ?? 0) == 30)
    }

    @Test func recentHistoryIsABoundedJournalQuery() async throws {
        let api = InMemoryRequestsAPI((1...5).map { Fixtures.request($0) })
        let journal = InMemoryJournal()
        let engine = Fixtures.engine(api, FakeVendor(), journal)
        let items = (1...5).map { WorkItem(requestID: Fixtures.request($0).id, decision: .approve) }
        _ = await engine.run(items, options: QueueOptions(concurrency: 1)) { false }
        let all = await journal.entries
        #expect(all.count == 15)
        #expect(try await engine.recentHistory(limit: 4) == Array(all.suffix(4)))
        #expect(await journal.recentCalls == 1)
        #expect(await journal.fullHistoryReads == 0, "the whole journal is never read for it")
        #expect(
            try await engine.history(requestID: Fixtures.request(2).id).map(\.state)
                == [.vendorSending, .vendorCancelled, .approved])
    }
}
