import CancelDeskTestSupport
import Foundation
import Testing

@testable import CancelDeskCore

/// Issue 9, engine side: stopping and cancellation (case 5), configuration faults (case 9), the listing's reason
/// (case 10).
@Suite struct QueueTrustTests {
    /// Waits (really) until `condition` holds, at most 10 s.
    private func eventually(_ condition: @Sendable () async -> Bool) async {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(10)
        while clock.now < end, !(await condition()) {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    // MARK: Case 5: stop and cancellation

    @Test func aCancelledTaskStopsBeforeTheFirstRemoteStep() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        let vendor = FakeVendor()
        let engine = Fixtures.engine(api, vendor, InMemoryJournal())
        let result = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await engine.process(requestID: Fixtures.request(1).id, decision: .approve)
        }.value
        #expect(result.kind == .failed)
        #expect(result.cause == .stopped)
        #expect(result.detail.contains("stopped before reading the request; the next run resumes it"))
        #expect(await api.readCalls.isEmpty)
    }

    @Test(arguments: [
        VendorOutcome.permanent(message: "request cancelled"),
        .transient(message: "request cancelled", retryAfter: nil),
    ])
    func aCancelledPassEndsPromptlyAndLeavesTheVendorCallResumable(cutShort: VendorOutcome) async throws {
        let api = InMemoryRequestsAPI((1...20).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        await vendor.hangUntilCancelled(answering: cutShort)
        let journal = InMemoryJournal()
        let engine = Fixtures.engine(api, vendor, journal)
        let pass = Task { await engine.runQueue(QueueOptions(concurrency: 4)) { false } }
        await eventually { await vendor.calls.count == 4 }
        pass.cancel()
        let summary = await pass.value
        #expect(summary.stopped)
        #expect(summary.needsReview == 0 && summary.rejected == 0 && summary.approved == 0)
        #expect(summary.failed == 4, "the four in flight; nothing else started")
        #expect(await vendor.calls.count == 4, "a call cut short is not retried in the same run")
        #expect(await api.failCalls.isEmpty)
        let rows = try await journal.unfinished()
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.state == .vendorSending })
        #expect(await journal.entries.count == 4)
    }

    @Test func aCancelledListingSaysStoppedNotListingFailed() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        await api.setHangListing(true)
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal())
        let pass = Task { await engine.runQueue(QueueOptions()) { false } }
        try await Task.sleep(for: .milliseconds(50))
        pass.cancel()
        let summary = await pass.value
        #expect(summary.stopped)
        #expect(summary.stopReason?.contains("stopped") == true)
        #expect(summary.stopReason?.contains("listing failed") == false)
    }

    @Test func aCancelledPassWithRetriesPutAsideEndsWithoutSpinning() async throws {
        // A real clock: the retries put aside wait a minute; the cancel must end the idle workers' waits.
        let api = InMemoryRequestsAPI((1...3).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        for number in 1...3 {
            await vendor.script("SUB-\(number)", [.transient(message: "busy", retryAfter: .seconds(60))])
        }
        let journal = InMemoryJournal()
        var identity = Fixtures.identity
        identity.owner = "box:1"
        var settings = Fixtures.settings()
        settings.vendorRetry = RetryPolicy(
            maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(120), deadline: .seconds(600),
            maxRetryAfter: .seconds(120))
        let engine = CancelEngine(
            requests: api, vendor: vendor, journal: journal, settings: settings, identity: identity,
            logger: .init(label: "test"))
        let pass = Task { await engine.runQueue(QueueOptions(concurrency: 2)) { false } }
        await eventually { await vendor.calls.count == 3 }
        try await Task.sleep(for: .milliseconds(50))
        pass.cancel()
        let started = ContinuousClock.now
        let summary = await pass.value
        #expect(ContinuousClock.now - started < .seconds(20), "the retry waits alone would take minutes")
        #expect(summary.failed == 3)
        #expect(summary.stopped)
        #expect(summary.unavailable == false, "stopped, not an outage")
        #expect(await vendor.calls.count == 3)
        #expect(try await journal.unfinished().count == 3)
    }

    // MARK: Case 9: configuration faults

    @Test func everyVendorCallRefusedAlikeIsAConfigurationFaultNotThirtyReviews() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        await vendor.answerEveryCall(.permanent(message: "Not Found", answer: "HTTP 404"))
        let journal = InMemoryJournal()
        let engine = Fixtures.engine(api, vendor, journal, settings: Fixtures.settings(onVendorRefusal: .reject))
        let concurrency = 4
        let summary = await engine.runQueue(QueueOptions(concurrency: concurrency)) { false }
        #expect(summary.needsReview == 0)
        #expect(summary.rejected == 0)
        #expect(summary.configurationFault?.contains("HTTP 404") == true)
        #expect(summary.configurationFault?.contains("Not Found") == true)
        #expect(summary.configurationFault != nil)
        #expect(await api.failCalls.isEmpty)
        let calls = await vendor.calls.count
        #expect(calls <= concurrency + 3)
        #expect(await journal.entries.allSatisfy { $0.state == .vendorSending })
        #expect(try await journal.unfinished().count == calls, "every refused request resumes next pass")

        // The next pass (the configuration still wrong) resumes them and still settles none.
        let next = await engine.runQueue(QueueOptions(concurrency: concurrency)) { false }
        #expect(next.needsReview == 0)
        #expect(next.configurationFault != nil)
        #expect(await journal.entries.allSatisfy { $0.state == .vendorSending })

        // Fixed: the pass after that finishes everything, each subscription cancelled once.
        await vendor.answerEveryCall(nil)
        let fixed = await engine.runQueue(QueueOptions(concurrency: concurrency)) { false }
        #expect(fixed.configurationFault == nil)
        #expect(fixed.approved == 30)
        #expect(await vendor.applied.count == 30)
    }

    @Test func aFewRefusalsAmongCancelsAreSettledAsBefore() async throws {
        let api = InMemoryRequestsAPI((1...10).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        for number in [3, 7] {
            await vendor.script("SUB-\(number)", [.permanent(message: "legal hold", answer: "HTTP 422")])
        }
        let journal = InMemoryJournal()
        let summary = await Fixtures.engine(api, vendor, journal).runQueue(QueueOptions(concurrency: 4)) { false }
        #expect(summary.approved == 8)
        #expect(summary.needsReview == 2)
        #expect(summary.configurationFault == nil)
        #expect(await journal.states(of: Fixtures.request(3).id) == [.vendorSending, .vendorRefused, .needsReview])
    }

    @Test func refusalsThatDifferAreSettledEvenWithoutACancel() async throws {
        let api = InMemoryRequestsAPI((1...4).map { Fixtures.request($0) })
        let vendor = FakeVendor()
        for number in 1...4 {
            await vendor.script("SUB-\(number)", [.permanent(message: "hold \(number)", answer: "HTTP 422")])
        }
        let summary = await Fixtures.engine(api, vendor, InMemoryJournal()).runQueue(QueueOptions(concurrency: 1)) {
            false
        }
        #expect(summary.needsReview == 4)
        #expect(summary.configurationFault == nil)
    }

    @Test func aSingleRequestKeepsSettlingARefusalAtOnce() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        let vendor = FakeVendor()
        await vendor.answerEveryCall(.permanent(message: "Not Found", answer: "HTTP 404"))
        let result = await Fixtures.engine(api, vendor, InMemoryJournal())
            .process(requestID: Fixtures.request(1).id, decision: .approve)
        #expect(result.kind == .needsReview)
    }

    // MARK: Case 10: the listing's reason

    @Test func aListingFailureNamesItsReason() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        await api.script(
            "list", [ServiceError(service: .connect, kind: .malformedResponse, messages: ["page 3 repeats page 2"])])
        let summary = await Fixtures.engine(api, FakeVendor(), InMemoryJournal()).runQueue(QueueOptions()) { false }
        #expect(summary.stopReason?.contains("listing failed") == true)
        #expect(summary.stopReason?.contains("page 3 repeats page 2") == true)
        #expect(summary.failed == 1)
    }

    /// A listing query Connect refuses (a 4xx: a filter or field it does not accept) is a configuration problem,
    /// not an outage: the pass names it as a configuration fault (exit 78), with Connect's message.
    @Test func aRefusedListingQueryIsAConfigurationFault() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        let refusal = ServiceError(
            service: .connect, kind: .rejected, code: "RQL_001", messages: ["lookup \"ne\" is not supported"],
            httpStatus: 400)
        await api.script("list", [refusal])
        let summary = await Fixtures.engine(api, FakeVendor(), InMemoryJournal()).runQueue(QueueOptions()) { false }
        #expect(summary.configurationFault?.contains("is not supported") == true, "\(summary)")
        #expect(!summary.unavailable, "a refused query is not an outage")
        #expect(summary.stopReason?.contains("listing refused by Connect") == true)
    }
}
