import CancelDeskTestSupport
import Foundation
import Testing

@testable import CancelDeskCore

/// Issue 9, engine side: answers from Connect and the journal are checked, never trusted (cases 1, 2 and 7).
@Suite struct EngineTrustTests {
    let api = InMemoryRequestsAPI((1...3).map { Fixtures.request($0) })
    let vendor = FakeVendor()
    let journal = InMemoryJournal()
    var id: String { Fixtures.request(1).id }

    private func row(_ state: DecisionState, subscription: String = "SUB-1") -> JournalEntry {
        JournalEntry(
            requestID: id, state: state, at: Date(timeIntervalSince1970: 1), mode: .auto, subscriptionID: subscription,
            idempotencyKey: "cd1-x", reason: "earlier run", owner: "box:9")
    }

    // MARK: Case 1: identity

    @Test func aReadAnsweredWithAnotherRequestIsAFailedReadAndNothingIsDone() async throws {
        await api.answerReads(of: id, with: Fixtures.request(2))
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .failed)
        #expect(result.detail.contains("Connect answered about \(Fixtures.request(2).id) when asked for \(id)"))
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls.isEmpty)
        #expect(await journal.entries.isEmpty)
    }

    @Test func aSubscriptionChangedSinceTheDecisionStopsBeforeAnyRemoteStep() async throws {
        let result = await Fixtures.engine(api, vendor, journal)
            .process(requestID: id, decision: .approve, expecting: "SUB-OLD")
        #expect(result.kind == .needsReview)
        #expect(result.detail.contains("subscription changed: SUB-OLD when decided, SUB-1 now"))
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls.isEmpty)
        #expect(await api.failCalls.isEmpty)
        #expect(await journal.states(of: id) == [.needsReview])
    }

    @Test func aRejectOfAChangedSubscriptionIsNotSent() async throws {
        let result = await Fixtures.engine(api, vendor, journal, mode: .tui)
            .process(requestID: id, decision: .reject(reason: "customer withdrew"), expecting: "SUB-OLD")
        #expect(result.kind == .needsReview)
        #expect(await api.failCalls.isEmpty)
    }

    @Test func theSameSubscriptionAsDecidedGoesAhead() async throws {
        let result = await Fixtures.engine(api, vendor, journal)
            .process(requestID: id, decision: .approve, expecting: "SUB-1")
        #expect(result.kind == .approved)
    }

    @Test(arguments: [nil, Duration.seconds(60)] as [Duration?])
    func aQueuePassExpectsTheSubscriptionItListed(readAhead: Duration?) async throws {
        // The third request is read ahead (when on) while the second is approved: that read must be checked too.
        let api = InMemoryRequestsAPI((1...3).map { Fixtures.request($0) })
        let third = Fixtures.request(3).id
        await api.changeSubscriptionAfterListing(third, to: "SUB-OTHER")
        let summary = await Fixtures.engine(api, vendor, journal)
            .runQueue(QueueOptions(concurrency: 1, readAhead: readAhead)) { false }
        #expect(summary.approved == 2)
        #expect(summary.needsReview == 1)
        #expect(await journal.states(of: third) == [.needsReview])
        #expect(await vendor.calls.allSatisfy { $0.requestID != third })
        let reason = await journal.entries.last { $0.requestID == third }?.reason ?? ""
        #expect(reason.contains("subscription changed: SUB-3 when decided, SUB-OTHER now"))
    }

    @Test func recoveryExpectsTheJournalRowsSubscription() async throws {
        try await journal.record(row(.vendorSending, subscription: "SUB-OLD"))
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .needsReview)
        #expect(result.detail.contains("subscription changed: SUB-OLD when decided, SUB-1 now"))
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls.isEmpty)
    }

    @Test func anApproveAnsweredAboutAnotherRequestIsNotTrusted() async throws {
        var other = Fixtures.request(2)
        other.status = .approved
        let api = AnswersAboutAnother(InMemoryRequestsAPI([Fixtures.request(1)]), other: other)
        let engine = CancelEngine(
            requests: api, vendor: vendor, journal: journal, settings: Fixtures.settings(), identity: Fixtures.identity,
            clock: Fixtures.instantClock(), logger: .init(label: "test"))
        let result = await engine.process(requestID: id, decision: .approve)
        #expect(result.kind == .failed)
        #expect(await journal.states(of: id) == [.vendorSending, .vendorCancelled], "left for the next run to check")
    }

    // MARK: Case 2: journal vs Connect

    @Test func anApprovedRowWhileConnectStillShowsPendingIsApprovedAgainWithoutAVendorCall() async throws {
        try await journal.record(row(.approved))
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .approved)
        #expect(result.detail.contains("journal said approved but Connect still showed it pending: approved again"))
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls == [id])
        #expect(try await api.request(id: id).status == .approved)
        #expect(await journal.states(of: id).last == .approved)
    }

    @Test func anApprovedRowWhoseSubscriptionChangedIsNotApprovedAgain() async throws {
        try await journal.record(row(.approved, subscription: "SUB-OLD"))
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .needsReview)
        #expect(result.detail.contains("subscription changed"))
        #expect(await api.approveCalls.isEmpty)
    }

    @Test(arguments: [DecisionState.rejected, .doneByOther])
    func anotherFinalRowWhileConnectShowsPendingNeedsReview(state: DecisionState) async throws {
        try await journal.record(row(state))
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .needsReview)
        #expect(result.detail.contains("journal said \(state.rawValue) but Connect still shows it pending"))
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls.isEmpty)
        #expect(await api.failCalls.isEmpty)
        #expect(await journal.states(of: id).last == .needsReview)
    }

    @Test func aFinalRowThatConnectAgreesWithFinishesAsBefore() async throws {
        try await journal.record(row(.approved))
        await api.set(id, status: .approved)
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .skipped)
        #expect(result.detail.contains("already decided"))
        #expect(await journal.entries.count == 1)
    }

    @Test func aFinalRowWhoseReadFailsIsAFailureAndNothingIsRecorded() async throws {
        try await journal.record(row(.approved))
        await api.script("read", [ServiceError(service: .connect, kind: .transient)])
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .failed)
        #expect(result.cause == .unavailable(.connect))
        #expect(await journal.entries.count == 1)
        #expect(await api.approveCalls.isEmpty)
    }

    // MARK: Case 7: outbound secrets

    @Test func aVendorMessageEchoingTheKeyLeavesNoKeyAnywhere() async throws {
        let key = "vk-9f2c41d7e3b8a6"
        SecretRedactor.register(key)
        await vendor.script(
            "SUB-1", [.permanent(message: "bad request, got Bearer \(key)", clearRefusal: true, answer: "HTTP 400")])
        await vendor.script("SUB-2", [.permanent(message: "refused for \(key)", answer: "HTTP 400")])
        let engine = Fixtures.engine(api, vendor, journal, settings: Fixtures.settings(onVendorRefusal: .reject))
        let rejected = await engine.process(requestID: id, decision: .approve)
        let reviewed = await engine.process(requestID: Fixtures.request(2).id, decision: .approve)
        #expect(rejected.kind == .rejected)
        #expect(reviewed.kind == .needsReview)
        let reason = try #require(await api.failCalls.first?.reason)
        #expect(!reason.contains(key))
        #expect(!rejected.detail.contains(key) && !reviewed.detail.contains(key))
        for entry in await journal.entries {
            #expect(!"\(entry)".contains(key))
        }
    }
}

/// A Connect whose approve answers 200 with another request's body.
private struct AnswersAboutAnother: RequestsAPI {
    let base: InMemoryRequestsAPI
    let other: FulfillmentRequest

    init(_ base: InMemoryRequestsAPI, other: FulfillmentRequest) {
        self.base = base
        self.other = other
    }

    func pendingCancelRequests(in scope: QueueScope) async throws -> RequestSnapshot {
        try await base.pendingCancelRequests(in: scope)
    }
    func request(id: String) async throws -> FulfillmentRequest { try await base.request(id: id) }
    func approve(id: String, templateID: String) async throws -> ActionOutcome { .done(other) }
    func fail(id: String, reason: String) async throws -> ActionOutcome { .done(other) }
    func assign(id: String, to user: UserReference) async throws -> FulfillmentRequest {
        try await base.assign(id: id, to: user)
    }
    func templates(productID: String) async throws -> [Template] { [] }
    func postMessage(requestID: String, text: String, visibility: MessageVisibility) async throws {}
    func authContext() async throws -> AuthContext { try await base.authContext() }
}
