import CancelDeskTestSupport
import Synchronization
import Testing

@testable import CancelDeskCore

@Suite struct QueueSchedulingTests {
    private func retry(_ id: String, due: Duration, attempts: Int = 1) -> DeferredRetry {
        DeferredRetry(requestID: id, decision: .approve, attempts: attempts, firstAttempt: .zero, due: due)
    }

    @Test func aDueRetryComesBeforeTheNextNewRequest() {
        let board = QueueBoard(items: items("A", "B"), summary: RunSummary(), shouldStop: { false }, onStop: { _ in })
        #expect(board.take(now: .zero) == .start(item("A")))
        board.deferred(retry("A", due: .seconds(1)))
        #expect(board.take(now: .milliseconds(500)) == .start(item("B")))
        #expect(board.take(now: .seconds(1)) == .resume(retry("A", due: .seconds(1))))
    }

    @Test func anIdleWorkerWaitsWhileRequestsRunAndEndsOnlyWhenNothingIsLeft() {
        let board = QueueBoard(items: items("A"), summary: RunSummary(), shouldStop: { false }, onStop: { _ in })
        #expect(board.take(now: .zero) == .start(item("A")))
        // A may still defer a retry: another worker must not end yet.
        #expect(board.take(now: .zero) == .wait(until: QueueBoard.idlePoll))
        board.deferred(retry("A", due: .seconds(2)))
        #expect(board.take(now: .seconds(1)) == .wait(until: .seconds(2)))
        #expect(board.take(now: .seconds(2)) == .resume(retry("A", due: .seconds(2))))
        board.finished(RequestResult(requestID: "A", kind: .approved, detail: ""))
        #expect(board.take(now: .seconds(2)) == .done)
        #expect(board.summary.approved == 1)
    }

    @Test func aStopStartsNothingNewButDeferredRetriesStillRun() {
        let stop = Mutex(false)
        let reasons = Mutex<[String]>([])
        let board = QueueBoard(
            items: items("A", "B", "C"), summary: RunSummary(), shouldStop: { stop.withLock { $0 } },
            onStop: { reason in reasons.withLock { $0.append(reason) } })
        #expect(board.take(now: .zero) == .start(item("A")))
        let readAhead = board.take(now: .zero)
        #expect(readAhead == .start(item("B")))
        board.deferred(retry("A", due: .seconds(1)))
        stop.withLock { $0 = true }
        // B was taken ahead but not started: it is handed back, never run.
        #expect(!board.mayStart(readAhead))
        #expect(board.take(now: .seconds(1)) == .resume(retry("A", due: .seconds(1))))
        board.finished(RequestResult(requestID: "A", kind: .approved, detail: ""))
        #expect(board.take(now: .seconds(1)) == .done)
        #expect(reasons.withLock { $0 } == ["stop requested"])
    }

    @Test func refusedCredentialsStopNewRequests() {
        let board = QueueBoard(items: items("A", "B"), summary: RunSummary(), shouldStop: { false }, onStop: { _ in })
        #expect(board.take(now: .zero) == .start(item("A")))
        board.finished(
            RequestResult(requestID: "A", kind: .failed, detail: "", cause: .unauthorized(.vendor)))
        #expect(board.take(now: .zero) == .done)
    }

    @Test func aReadAheadStandsInOnlyWhileFresh() {
        let read = PrefetchedRead(request: Fixtures.request(1), answeredAt: .seconds(10))
        #expect(read.isFresh(now: .seconds(10), maxAge: .milliseconds(250)))
        #expect(read.isFresh(now: .seconds(10) + .milliseconds(250), maxAge: .milliseconds(250)))
        #expect(!read.isFresh(now: .seconds(10) + .milliseconds(251), maxAge: .milliseconds(250)))
        #expect(!read.isFresh(now: .seconds(9), maxAge: .milliseconds(250)), "a read from the future is not trusted")
        #expect(!read.isFresh(now: .seconds(10) + .milliseconds(1), maxAge: .zero))
    }

    @Test func carriedVendorRetriesCountAgainstTheBudget() {
        // Fixtures.settings allows 4 attempts: after 3 carried retries a transient answer ends the request.
        var saga = CancelSaga(
            requestID: Fixtures.request(1).id, decision: .approve, settings: Fixtures.settings(),
            identity: Fixtures.identity)
        saga.carryVendorRetries(3)
        _ = saga.start(journal: nil)
        _ = saga.requestRead(Fixtures.request(1))
        guard case .cancelAtVendor = saga.claimed(true) else {
            Issue.record("expected the vendor call")
            return
        }
        let next = saga.vendorAnswered(
            .transient(message: "busy", retryAfter: .seconds(1)), elapsed: .seconds(3), unit: 0.5)
        guard case .finish(let result) = next else {
            Issue.record("expected the request to end, got \(next)")
            return
        }
        #expect(result.cause == .unavailable(.vendor))
    }

    @Test func vendorRetryWaitsDoNotHoldTheOnlySlotAndNothingIsCancelledTwice() async throws {
        let api = InMemoryRequestsAPI((1...6).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        await vendor.script("SUB-1", [.transient(message: "busy", retryAfter: .seconds(1))])
        await vendor.script(
            "SUB-2",
            [
                .transient(message: "busy", retryAfter: .seconds(1)),
                .transient(message: "busy", retryAfter: .seconds(1)),
            ])
        let order = Mutex<[String]>([])
        let engine = Fixtures.engine(api, vendor, InMemoryJournal()) { event in
            if case .finished(let result) = event { order.withLock { $0.append(result.requestID) } }
        }
        let summary = await engine.runQueue(QueueOptions(concurrency: 1)) { false }
        #expect(summary.approved == 6)
        #expect(summary.failed == 0)
        #expect(await vendor.applied.count == 6)
        #expect(await vendor.applied.values.allSatisfy { $0 == 1 })
        // With one slot, the requests behind the retried ones finished first.
        let retried = [Fixtures.request(1).id, Fixtures.request(2).id]
        #expect(order.withLock { $0.prefix(4) }.allSatisfy { !retried.contains($0) })
        // Every resumed retry read the request again before calling the vendor.
        let reads = await api.readCalls
        #expect(reads.filter { $0 == Fixtures.request(1).id }.count >= 2)
        #expect(reads.filter { $0 == Fixtures.request(2).id }.count >= 3)
    }

    @Test func aFreshReadAheadReplacesTheReadAndAStaleOneDoesNot() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1), Fixtures.request(2)])
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal())
        var fresh = RunAssist(maxReadAge: .milliseconds(250))
        fresh.prefetched = PrefetchedRead(request: Fixtures.request(1), answeredAt: .zero)
        let first = await engine.drive(
            requestID: Fixtures.request(1).id, decision: .approve, dryRun: false, assist: fresh)
        var stale = RunAssist(maxReadAge: .milliseconds(250))
        stale.prefetched = PrefetchedRead(request: Fixtures.request(2), answeredAt: .seconds(-1))
        let second = await engine.drive(
            requestID: Fixtures.request(2).id, decision: .approve, dryRun: false, assist: stale)
        guard case .finished(let one) = first, case .finished(let two) = second else {
            Issue.record("expected both to finish")
            return
        }
        #expect(one.kind == .approved && two.kind == .approved)
        #expect(await api.readCalls == [Fixtures.request(2).id])
    }

    @Test func aReadAheadOfAnotherRequestIsNeverUsed() {
        let box = ReadAheadBox()
        box.store(PrefetchedRead(request: Fixtures.request(1), answeredAt: .zero), for: Fixtures.request(1).id)
        #expect(box.take(for: Fixtures.request(2).id) == nil)
        box.store(PrefetchedRead(request: Fixtures.request(1), answeredAt: .zero), for: Fixtures.request(1).id)
        #expect(box.take(for: Fixtures.request(1).id)?.request.id == Fixtures.request(1).id)
        #expect(box.take(for: Fixtures.request(1).id) == nil, "used once")
    }

    @Test func heldRefusalsWaitForTheEndOfThePassAndThreeAlikeAreAbandoned() {
        let board = QueueBoard(
            items: items("A", "B", "C"), summary: RunSummary(), shouldStop: { false }, onStop: { _ in })
        let refusal = VendorOutcome.permanent(message: "Not Found", answer: "HTTP 404")
        func held(_ number: Int) -> HeldRefusal {
            let saga = CancelSaga(
                requestID: Fixtures.request(number).id, decision: .approve, settings: Fixtures.settings(),
                identity: Fixtures.identity)
            return HeldRefusal(saga: saga, outcome: refusal, elapsed: .zero, vendorStarted: .zero, vendorAttempts: 1)
        }
        for number in 1...3 {
            guard case .start = board.take(now: .zero) else {
                Issue.record("expected a start")
                return
            }
            board.held(held(number))
        }
        // Three alike and no cancel seen: nothing is settled; each is handed out to be reported unfinished.
        #expect(board.take(now: .zero) == .abandon(held(1)))
        #expect(board.summary.configurationFault?.contains("HTTP 404: Not Found") == true)
    }

    @Test func aVendorCancelReleasesHeldRefusalsAtOnce() {
        let board = QueueBoard(items: items("A", "B"), summary: RunSummary(), shouldStop: { false }, onStop: { _ in })
        let saga = CancelSaga(
            requestID: "A", decision: .approve, settings: Fixtures.settings(), identity: Fixtures.identity)
        let refusal = HeldRefusal(
            saga: saga, outcome: .permanent(message: "no", answer: "HTTP 422"), elapsed: .zero, vendorStarted: .zero,
            vendorAttempts: 1)
        #expect(board.take(now: .zero) == .start(item("A")))
        #expect(board.take(now: .zero) == .start(item("B")))
        board.held(refusal)
        #expect(board.take(now: .zero) == .wait(until: QueueBoard.idlePoll), "B may still show the vendor honest")
        board.vendorAnswered(.cancelled(alreadyCancelled: false, message: "ok"))
        #expect(board.take(now: .zero) == .settle(refusal))
    }

    @Test func aFinalJournalRowIsReconciledWithConnectInTheSaga() {
        var saga = CancelSaga(
            requestID: Fixtures.request(1).id, decision: .approve, settings: Fixtures.settings(),
            identity: Fixtures.identity)
        let row = JournalEntry(
            requestID: Fixtures.request(1).id, state: .approved, at: .init(timeIntervalSince1970: 0), mode: .auto,
            subscriptionID: "SUB-1")
        #expect(saga.start(journal: row) == .readRequest)
        #expect(saga.requestRead(Fixtures.request(1)) == .approve(templateID: Fixtures.template))
    }

    @Test func aReadOfAnotherRequestEndsTheSagaWithNothingRecorded() {
        var saga = CancelSaga(
            requestID: Fixtures.request(1).id, decision: .approve, settings: Fixtures.settings(),
            identity: Fixtures.identity)
        _ = saga.start(journal: nil)
        guard case .finish(let result) = saga.requestRead(Fixtures.request(2)) else {
            Issue.record("expected the saga to end")
            return
        }
        #expect(result.kind == .failed)
        #expect(result.detail.contains("Connect answered about \(Fixtures.request(2).id)"))
    }
}

/// An approve of request `id`.
private func item(_ id: String) -> WorkItem {
    WorkItem(requestID: id, decision: .approve)
}

/// Approves of these requests, in order.
private func items(_ ids: String...) -> [WorkItem] {
    ids.map(item)
}
