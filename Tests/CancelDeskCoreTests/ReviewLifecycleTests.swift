import CancelDeskTestSupport
import Testing

@testable import CancelDeskCore

/// needs_review as a workflow: why a row needs a person, an operator's retry or reject, and how `--auto` counts it.
@Suite struct ReviewLifecycleTests {
    let api = InMemoryRequestsAPI((1...3).map { Fixtures.request($0) })
    let vendor = FakeVendor()
    let journal = InMemoryJournal()
    var id: String { Fixtures.request(1).id }

    private func refuse() async {
        let refusal = VendorOutcome.permanent(message: "legal hold until 2027", clearRefusal: true, answer: "HTTP 422")
        await vendor.script("SUB-1", [refusal])
    }

    @Test func aVendorRefusalKeepsItsCauseAndTheVendorsMessageOnTheReviewRow() async throws {
        await refuse()
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .needsReview)
        #expect(result.reviewCause == .vendorRefusal)
        let row = try #require(try await journal.current(requestID: id))
        #expect(row.state == .needsReview)
        #expect(row.reviewCause == .vendorRefusal)
        #expect(row.vendorMessage == "legal hold until 2027")
        #expect(try await journal.needingReview().map(\.requestID) == [id])
    }

    @Test func eachNeedsReviewPathNamesItsCause() async throws {
        let missing = Fixtures.requestWithoutSubscription(7)
        let api = InMemoryRequestsAPI([Fixtures.request(1), Fixtures.request(2), missing])
        await vendor.script("SUB-2", [.permanent(message: "<html>proxy</html>", answer: "HTTP 404")])
        let engine = Fixtures.engine(api, vendor, journal, mode: .cli)
        #expect(await engine.process(requestID: missing.id, decision: .approve).reviewCause == .missingParameter)
        let unclear = await engine.process(requestID: Fixtures.request(2).id, decision: .approve)
        #expect(unclear.reviewCause == .unclearOutcome)
        let changed = await engine.process(requestID: id, decision: .approve, expecting: "SUB-OTHER")
        #expect(changed.reviewCause == .subscriptionMismatch)
        let causes = try await journal.needingReview().map(\.reviewCause)
        #expect(Set(causes) == [.missingParameter, .unclearOutcome, .subscriptionMismatch])
    }

    @Test func anOperatorsApproveRetriesWithTheSameKeyAfterAFreshRead() async throws {
        await refuse()
        _ = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        let readsBefore = await api.readCalls.count
        let result = await Fixtures.engine(api, vendor, journal, mode: .cli).process(requestID: id, decision: .approve)
        #expect(result.kind == .approved)
        let calls = await vendor.calls
        #expect(calls.count == 2)
        #expect(Set(calls.map(\.idempotencyKey)).count == 1, "the vendor sees the same key")
        #expect(await api.readCalls.count > readsBefore, "Connect was read again")
        #expect(await journal.states(of: id).suffix(3) == [.vendorSending, .vendorCancelled, .approved])
        #expect(try await api.request(id: id).status == .approved)
    }

    @Test func anOperatorsRejectFailsAReviewRowInConnect() async throws {
        await refuse()
        _ = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        let engine = Fixtures.engine(api, vendor, journal, mode: .tui)
        let result = await engine.process(requestID: id, decision: .reject(reason: "legal hold until 2027"))
        #expect(result.kind == .rejected)
        #expect(await api.failCalls.map(\.reason) == ["legal hold until 2027"])
        #expect(await vendor.calls.count == 1, "a reject makes no vendor call")
        #expect(try await journal.needingReview().isEmpty)
    }

    @Test func autoNeverRetriesAReviewRowAndCountsItAsWaitingNotNew() async throws {
        await refuse()
        let engine = Fixtures.engine(api, vendor, journal)
        let first = await engine.runQueue(QueueOptions(concurrency: 1)) { false }
        #expect(first.needsReview == 1)
        #expect(first.failed == 0)
        let second = await engine.runQueue(QueueOptions(concurrency: 1)) { false }
        #expect(second.needsReview == 0)
        #expect(second.awaitingReview == 1)
        #expect(second.needsReview + second.failed == 0, "nothing new for a person: exit 0")
        #expect(await vendor.calls.count == 3, "one call per request, none again for the review row")
        var total = first
        total.add(second)
        #expect(total.needsReview == 1)
        #expect(total.awaitingReview == 1)
    }

    @Test func onlyTheReviewRowItWasTakenFromCanBeReclaimed() async throws {
        let row = JournalEntry(requestID: "PR-9", state: .needsReview, at: .init(timeIntervalSince1970: 1), mode: .auto)
        try await journal.record(row)
        let retry = JournalEntry(
            requestID: "PR-9", state: .vendorSending, at: .init(timeIntervalSince1970: 2), mode: .cli)
        #expect(try await journal.recordIfCurrent(retry, is: .needsReview))
        #expect(try await journal.recordIfCurrent(retry, is: .needsReview) == false, "a second taker loses")
        #expect(try await journal.current(requestID: "PR-9")?.reviewCause == nil)
        #expect(row.reviewCause == .unknown, "a review row without a cause reads as unknown")
    }
}
