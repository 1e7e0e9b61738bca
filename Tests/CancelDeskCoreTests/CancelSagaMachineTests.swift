import CancelDeskCore
import CancelDeskTestSupport
import Foundation
import Testing

/// The saga as a pure state machine, without the engine: each test feeds `CancelSaga` the answers the runner would
/// get (Connect reads, journal claims and records, vendor and Connect outcomes) and checks the exact sequence of
/// actions it returns, the journal rows it asks for included.
@Suite struct CancelSagaMachineTests {
    static let request = Fixtures.request(1)
    static let requestID = request.id
    static let key = IdempotencyKey.make(salt: "salt", connectHost: "connect.test", requestID: requestID)
    static let template = Fixtures.template

    // MARK: Paths of one run

    @Test func happyPath() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.cancelled(alreadyCancelled: false, message: "cancelled"))
        run.recorded()
        run.connect(.done(Self.request.with(.approved)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorCancelled, vendor: .cancelled), .approve(Self.template),
                .record(.approved, connect: .status(.approved)), .finish(.approved),
            ])
    }

    @Test func aTransientVendorAnswerIsRetriedWithTheSameKeyThenSucceeds() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.transient(message: "HTTP 503", retryAfter: nil))
        run.vendor(.transient(message: "HTTP 429", retryAfter: .seconds(2)), elapsed: .seconds(1))
        run.vendor(.cancelled(alreadyCancelled: true, message: "already cancelled"), elapsed: .seconds(3))
        run.recorded()
        run.connect(.done(Self.request.with(.approved)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                // Full jitter: half (the unit) of the first backoff ceiling (1 s); then the vendor's Retry-After.
                .vendor(key: Self.key, after: .milliseconds(500)), .vendor(key: Self.key, after: .seconds(2)),
                .record(.vendorCancelled, vendor: .alreadyCancelled), .approve(Self.template),
                .record(.approved, connect: .status(.approved)), .finish(.approved),
            ])
    }

    @Test func aVendorThatStaysUnavailableEndsTheAttemptWithNothingNewRecorded() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        for retry in 0..<4 {
            run.vendor(.transient(message: "HTTP 503", retryAfter: nil), elapsed: .seconds(retry))
        }
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .vendor(key: Self.key, after: .milliseconds(500)), .vendor(key: Self.key, after: .seconds(1)),
                .vendor(key: Self.key, after: .seconds(2)), .finish(.failed),
            ])
        #expect(run.lastResult?.cause == .unavailable(.vendor))
    }

    @Test func aVendorRefusalGoesToReview() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.permanent(message: "legal hold", clearRefusal: true, answer: "HTTP 422"))
        run.recorded()
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorRefused, vendor: .refused), .record(.needsReview), .finish(.needsReview),
            ])
    }

    @Test func aClearVendorRefusalIsRejectedUnattendedWhenConfigured() {
        var run = SagaRun(.approve, settings: Fixtures.settings(onVendorRefusal: .reject))
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.permanent(message: "legal hold", clearRefusal: true, answer: "HTTP 422"))
        run.recorded()
        run.recorded()
        run.connect(.done(Self.request.with(.failed)))
        run.recorded()
        let reason = "The vendor could not cancel the subscription: legal hold"
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorRefused, vendor: .refused), .record(.rejectSending), .fail(reason),
                .record(.rejected, connect: .status(.failed)), .finish(.rejected),
            ])
    }

    @Test func anUnclearVendorRefusalIsNeverRejected() {
        var run = SagaRun(.approve, settings: Fixtures.settings(onVendorRefusal: .reject))
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.permanent(message: "Not Found", answer: "HTTP 404"))
        run.recorded()
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorRefused, vendor: .refusedUnclear), .record(.needsReview), .finish(.needsReview),
            ])
    }

    @Test func aLostApproveAnswerIsConfirmedByTheAdaptersReRead() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.cancelled(alreadyCancelled: false, message: "cancelled"))
        run.recorded()
        // The approve's answer was lost; the adapter re-read the request and found it approved.
        run.connect(.alreadyDone(Self.request.with(.approved)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorCancelled, vendor: .cancelled), .approve(Self.template),
                .record(.approved, connect: .status(.approved, confirmedByReread: true)), .finish(.approved),
            ])
    }

    @Test func aLostApproveThatStaysUnknownIsFinishedByTheNextRunWithoutASecondVendorCall() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.cancelled(alreadyCancelled: false, message: "cancelled"))
        run.recorded()
        run.connectFailed(ServiceError(service: .connect, kind: .transient, messages: ["connection reset"]))
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorCancelled, vendor: .cancelled), .approve(Self.template), .finish(.failed),
            ])

        // The next run: the journal says vendor_cancelled, the re-read shows approved.
        var next = SagaRun(.approve)
        next.start(Self.row(.vendorCancelled, vendor: .cancelled))
        next.read(Self.request.with(.approved))
        next.connect(.alreadyDone(Self.request.with(.approved)))
        next.recorded()
        #expect(
            next.steps == [
                .read, .approve(Self.template),
                .record(.approved, connect: .status(.approved, confirmedByReread: true)), .finish(.approved),
            ])
    }

    @Test func aConnectConflictGoesToReview() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed()
        run.vendor(.cancelled(alreadyCancelled: false, message: "cancelled"))
        run.recorded()
        run.connect(.conflict(Self.request.with(.revoked), detail: "the request is revoked"))
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.vendorSending), .vendor(key: Self.key, after: .zero),
                .record(.vendorCancelled, vendor: .cancelled), .approve(Self.template),
                .record(.needsReview, connect: .status(.revoked)), .finish(.needsReview),
            ])
    }

    @Test func aRejectIsClaimedThenFailedInConnect() {
        var run = SagaRun(.reject(reason: "duplicate order"))
        run.start()
        run.read(Self.request)
        run.claimed()
        run.connect(.done(Self.request.with(.failed)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .claim(.rejectSending), .fail("duplicate order"),
                .record(.rejected, connect: .status(.failed)), .finish(.rejected),
            ])
    }

    @Test func aLostClaimDoesNothing() {
        var run = SagaRun(.approve)
        run.start()
        run.read(Self.request)
        run.claimed(false)
        #expect(run.steps == [.read, .claim(.vendorSending), .finish(.skipped)])
    }

    // MARK: Crash resume at each CrashPoint

    /// `after_intent`: the claim (`vendor_sending`) is recorded, the vendor never called. `after_vendor`: the vendor
    /// cancelled but nothing was recorded (`vendor_sending` still). Either way the next run calls the vendor with the
    /// same key, which lets it answer "already cancelled" instead of cancelling twice.
    @Test(arguments: [(CrashPoint.afterIntent, false), (.afterVendor, true)])
    func resumeBeforeTheVendorAnswerIsRecorded(point: CrashPoint, vendorAlreadyCancelled: Bool) {
        var run = SagaRun(.approve)
        run.start(Self.row(.vendorSending))
        run.read(Self.request)
        run.vendor(.cancelled(alreadyCancelled: vendorAlreadyCancelled, message: "cancelled"))
        run.recorded()
        run.connect(.done(Self.request.with(.approved)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .vendor(key: Self.key, after: .zero),
                .record(.vendorCancelled, vendor: vendorAlreadyCancelled ? .alreadyCancelled : .cancelled),
                .approve(Self.template), .record(.approved, connect: .status(.approved)), .finish(.approved),
            ],
            "\(point)")
    }

    /// `after_intent` of a reject: the claim (`reject_sending`) is recorded, Connect never called.
    @Test func resumeAfterIntentOfAReject() {
        var run = SagaRun(.approve)
        run.start(Self.row(.rejectSending, reason: "duplicate order"))
        run.read(Self.request)
        run.connect(.done(Self.request.with(.failed)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .fail("duplicate order"), .record(.rejected, connect: .status(.failed)), .finish(.rejected),
            ])
    }

    /// `after_vendor` when someone approved the request in the portal meanwhile: no vendor call, done by another.
    @Test func resumeAfterVendorWhenSomeoneElseApproved() {
        var run = SagaRun(.approve)
        run.start(Self.row(.vendorSending))
        run.read(Self.request.with(.approved))
        run.recorded()
        #expect(run.steps == [.read, .record(.doneByOther, connect: .status(.approved)), .finish(.skipped)])
    }

    /// `after_vendor_recorded`: `vendor_cancelled` is recorded, Connect never called. Approve, no vendor call.
    @Test func resumeAfterVendorRecorded() {
        var run = SagaRun(.approve)
        run.start(Self.row(.vendorCancelled, vendor: .cancelled))
        run.read(Self.request)
        run.connect(.done(Self.request.with(.approved)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .approve(Self.template), .record(.approved, connect: .status(.approved)), .finish(.approved),
            ])
    }

    /// `after_vendor_recorded` of a refusal: `vendor_refused` is recorded, the review row is not.
    @Test func resumeAfterVendorRefusalRecorded() {
        var run = SagaRun(.approve)
        run.start(Self.row(.vendorRefused, vendor: .refused, vendorMessage: "legal hold"))
        run.read(Self.request)
        run.recorded()
        #expect(run.steps == [.read, .record(.needsReview), .finish(.needsReview)])
    }

    /// `after_connect`: Connect approved, the outcome was not recorded (`vendor_cancelled` still). Approve again is
    /// reconciled by the adapter (already approved); nothing is sent to the vendor.
    @Test func resumeAfterConnect() {
        var run = SagaRun(.approve)
        run.start(Self.row(.vendorCancelled, vendor: .cancelled))
        run.read(Self.request.with(.approved))
        run.connect(.alreadyDone(Self.request.with(.approved)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .approve(Self.template),
                .record(.approved, connect: .status(.approved, confirmedByReread: true)), .finish(.approved),
            ])
    }

    /// `after_connect` of a reject: Connect failed the request, `reject_sending` is still the row.
    @Test func resumeAfterConnectOfAReject() {
        var run = SagaRun(.approve)
        run.start(Self.row(.rejectSending, reason: "duplicate order"))
        run.read(Self.request.with(.failed))
        run.connect(.alreadyDone(Self.request.with(.failed)))
        run.recorded()
        #expect(
            run.steps == [
                .read, .fail("duplicate order"),
                .record(.rejected, connect: .status(.failed, confirmedByReread: true)), .finish(.rejected),
            ])
    }

    /// Every crash point has a resume test above (a new point must get one).
    @Test func everyCrashPointIsCovered() {
        let covered: Set<String> = ["after_intent", "after_vendor", "after_vendor_recorded", "after_connect"]
        #expect(Set(CrashPoint.allCases.map(\.rawValue)) == covered)
    }

    /// A journal row a crash left behind, written by a process that is gone.
    static func row(
        _ state: DecisionState, vendor: VendorStatus? = nil, vendorMessage: String = "", reason: String = ""
    ) -> JournalEntry {
        JournalEntry(
            requestID: requestID, state: state, at: Date(timeIntervalSince1970: 1_700_000_000), mode: .auto,
            subscriptionID: "SUB-1", idempotencyKey: key, vendorStatus: vendor, vendorMessage: vendorMessage,
            reason: reason, templateID: template, owner: "box:99")
    }
}

/// Feeds one saga and keeps every action it returned, as ``SagaStep``s.
struct SagaRun {
    var saga: CancelSaga
    var steps: [SagaStep] = []
    var lastResult: RequestResult?

    init(_ decision: Decision, settings: EngineSettings = Fixtures.settings()) {
        var identity = Fixtures.identity
        identity.owner = "box:1"
        saga = CancelSaga(
            requestID: CancelSagaMachineTests.requestID, decision: decision, settings: settings, identity: identity)
    }

    mutating func start(_ row: JournalEntry? = nil) { take(saga.start(journal: row)) }
    mutating func read(_ request: FulfillmentRequest) { take(saga.requestRead(request)) }
    mutating func claimed(_ won: Bool = true) { take(saga.claimed(won)) }
    mutating func recorded() { take(saga.recorded()) }
    mutating func connect(_ outcome: ActionOutcome) { take(saga.connectAnswered(outcome)) }
    mutating func connectFailed(_ error: ServiceError) { take(saga.connectFailed(error)) }

    mutating func vendor(_ outcome: VendorOutcome, elapsed: Duration = .zero) {
        take(saga.vendorAnswered(outcome, elapsed: elapsed, unit: 0.5))
    }

    private mutating func take(_ action: CancelSaga.Action) {
        steps.append(SagaStep(action))
        if case .finish(let result) = action { lastResult = result }
    }
}

/// One saga action, reduced to what tells paths apart.
enum SagaStep: Equatable, CustomStringConvertible {
    case read
    case claim(DecisionState)
    case record(DecisionState, vendor: VendorStatus? = nil, connect: ConnectOutcome? = nil)
    case assign
    case vendor(key: String, after: Duration)
    case approve(String)
    case fail(String)
    case finish(RequestResult.Kind)

    init(_ action: CancelSaga.Action) {
        switch action {
        case .readRequest: self = .read
        case .claim(let entry), .reclaim(let entry, _): self = .claim(entry.state)
        case .record(let entry):
            self = .record(entry.state, vendor: entry.vendorStatus, connect: entry.connectOutcome)
        case .assign: self = .assign
        case .cancelAtVendor(let order, let wait): self = .vendor(key: order.idempotencyKey, after: wait)
        case .approve(let template): self = .approve(template)
        case .fail(let reason): self = .fail(reason)
        case .finish(let result): self = .finish(result.kind)
        }
    }

    var description: String {
        switch self {
        case .read: "read"
        case .claim(let state): "claim \(state.rawValue)"
        case .record(let state, let vendor, let connect):
            "record \(state.rawValue)" + (vendor.map { " vendor \($0)" } ?? "")
                + (connect.map { " connect \($0)" } ?? "")
        case .assign: "assign"
        case .vendor(_, let wait): "vendor after \(wait)"
        case .approve(let template): "approve \(template)"
        case .fail(let reason): "fail \(reason)"
        case .finish(let kind): "finish \(kind.rawValue)"
        }
    }
}

extension FulfillmentRequest {
    /// The same request in another status.
    func with(_ status: RequestStatus) -> FulfillmentRequest {
        var copy = self
        copy.status = status
        return copy
    }
}
