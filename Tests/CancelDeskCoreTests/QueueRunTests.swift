import CancelDeskCore
import CancelDeskTestSupport
import Synchronization
import Testing

@Suite struct QueueRunTests {
    @Test func aPassApprovesTheWholeQueueAndASecondPassFindsNothing() async throws {
        let api = InMemoryRequestsAPI((1...25).map { Fixtures.request($0) } + [Fixtures.request(99, type: .purchase)])
        let vendor = FakeVendor()
        let journal = InMemoryJournal()
        let engine = Fixtures.engine(api, vendor, journal)
        let first = await engine.runQueue(QueueOptions(concurrency: 4)) { false }
        #expect(first.approved == 25)
        #expect(first.needsReview + first.failed == 0 && !first.unavailable && !first.unauthorized)
        #expect(await vendor.applied.count == 25)
        #expect(await vendor.applied.values.allSatisfy { $0 == 1 })
        let second = await engine.runQueue(QueueOptions(concurrency: 4)) { false }
        #expect(second.approved + second.rejected + second.needsReview + second.failed + second.skipped == 0)
    }

    @Test func limitAndDryRun() async throws {
        let api = InMemoryRequestsAPI((1...10).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        let engine = Fixtures.engine(api, vendor, InMemoryJournal())
        let dry = await engine.runQueue(QueueOptions(concurrency: 2, dryRun: true)) { false }
        #expect(dry.skipped == 10)
        #expect(await vendor.calls.isEmpty)
        let limited = await engine.runQueue(QueueOptions(concurrency: 2, limit: 3)) { false }
        #expect(limited.approved == 3)
    }

    @Test func aStopRequestStartsNothingNewButFinishesWhatRuns() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        let started = Mutex(0)
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal()) { event in
            if case .started = event { started.withLock { $0 += 1 } }
        }
        let summary = await engine.runQueue(QueueOptions(concurrency: 2)) { started.withLock { $0 >= 5 } }
        #expect(summary.approved >= 5)
        #expect(summary.approved < 30)
        #expect(summary.failed == 0, "in-flight requests finished")
    }

    @Test func rejectedVendorCredentialsStopTheRunWithExit77() async throws {
        let api = InMemoryRequestsAPI((1...10).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        for number in 1...10 { await vendor.script("SUB-\(number)", [.unauthorized(message: "bad token")]) }
        let summary = await Fixtures.engine(api, vendor, InMemoryJournal()).runQueue(QueueOptions(concurrency: 1)) {
            false
        }
        #expect(summary.unauthorized)
        #expect(summary.failed < 10)
        #expect(await api.failCalls.isEmpty)
    }

    @Test func aVendorOutageOpensTheCircuitBreakerAndParksTheRetries() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        let down = Array(
            repeating: VendorOutcome.transient(message: "503 Service Unavailable", retryAfter: nil), count: 50)
        for number in 1...30 { await vendor.script("SUB-\(number)", down) }
        let journal = InMemoryJournal()
        let summary = await Fixtures.engine(api, vendor, journal).runQueue(QueueOptions(concurrency: 1)) { false }
        #expect(summary.circuitOpenedBy == .vendor)
        #expect(summary.unavailable)
        #expect(summary.failed == 30)
        // Each of the 30 was tried twice (their retries are put aside); the 5th third attempt that failed opened the
        // breaker, and no further vendor call was made: 65 calls, where the retry policy alone allows 150.
        #expect(await vendor.calls.count == 65)
        #expect(await api.failCalls.isEmpty, "an outage never becomes a rejection")
        #expect(await vendor.applied.isEmpty)
        // Every request is left resumable: its journal row still says the vendor call is in doubt.
        #expect(try await journal.unfinished().count == 30)
    }

    @Test func aConnectOutageStopsNewRequestsAndLeavesTheRestPending() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        await api.script("read", Array(repeating: ServiceError(service: .connect, kind: .transient), count: 500))
        let reasons = Mutex<[String]>([])
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal()) { event in
            if case .stopping(let reason) = event { reasons.withLock { $0.append(reason) } }
        }
        let summary = await engine.runQueue(QueueOptions(concurrency: 1, readAhead: nil)) { false }
        #expect(summary.circuitOpenedBy == .connect)
        #expect(summary.failed == 5, "five requests in a row found Connect down; the other 25 were not started")
        #expect(summary.unavailable)
        #expect(await api.approveCalls.isEmpty)
        #expect(await api.failCalls.isEmpty)
        #expect(
            reasons.withLock { $0 } == [
                "Connect looks down (circuit breaker open): 25 request(s) left pending for the next pass"
            ])
    }

    @Test func anUnavailableConnectListingExits69() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        await api.script("list", [ServiceError(service: .connect, kind: .transient)])
        let summary = await Fixtures.engine(api, FakeVendor(), InMemoryJournal()).runQueue(QueueOptions()) { false }
        #expect(summary.unavailable)
    }

    @Test func twoEnginesOnOneJournalNeverCancelTwice() async throws {
        let api = InMemoryRequestsAPI((1...40).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        let journal = InMemoryJournal()
        let one = Fixtures.engine(api, vendor, journal, owner: "box:1", aliveOwners: ["box:2"])
        let two = Fixtures.engine(api, vendor, journal, owner: "box:2", aliveOwners: ["box:1"])
        async let first = one.runQueue(QueueOptions(concurrency: 8)) { false }
        async let second = two.runQueue(QueueOptions(concurrency: 8)) { false }
        let (a, b) = await (first, second)
        #expect(a.approved + b.approved == 40)
        #expect(await vendor.applied.count == 40)
        #expect(await vendor.applied.values.allSatisfy { $0 == 1 })
    }
}
