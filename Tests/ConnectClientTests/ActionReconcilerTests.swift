import CancelDeskCore
import ConnectClient
import Foundation
import Testing

@Suite struct ActionReconcilerTests {
    static func request(_ status: RequestStatus, id: String = "PR-1") -> FulfillmentRequest {
        FulfillmentRequest(
            id: id, type: .cancel, status: status, created: Date(timeIntervalSince1970: 0),
            asset: Asset(
                id: "AS-1", status: .terminating, product: Product(id: "PRD-1"),
                connection: Connection(id: "CT-1", type: .production)))
    }

    let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxDelay: .seconds(8), deadline: .seconds(60))
    let transient = ServiceError(service: .connect, kind: .transient, httpStatus: 503)

    @Test func aCleanApproveFinishesDone() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        #expect(machine.start() == .send(after: .zero))
        #expect(machine.sent(Self.request(.approved)) == .finish(.done(Self.request(.approved))))
    }

    @Test func aLostResponseIsReconciledFromTheReread() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        #expect(machine.sendFailed(transient) == .reread(after: .zero))
        #expect(
            machine.reread(Self.request(.approved), elapsed: .zero, unit: 0.5)
                == .finish(.alreadyDone(Self.request(.approved))))
    }

    @Test func aTransientErrorIsResentOnlyAfterTheRereadShowsPending() {
        var machine = ActionReconciler(target: .failed, requestID: "PR-1", policy: policy)
        _ = machine.start()
        _ = machine.sendFailed(transient)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(1)))
        _ = machine.sendFailed(transient)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(2)))
        _ = machine.sendFailed(transient)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .fail(transient))
    }

    @Test func theOppositeStatusIsAConflictForAPerson() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        let rejected = ServiceError(service: .connect, kind: .rejected, code: "REQ_003", httpStatus: 400)
        #expect(machine.sendFailed(rejected) == .reread(after: .zero))
        guard case .finish(.conflict(let request, _)) = machine.reread(Self.request(.failed), elapsed: .zero, unit: 0)
        else {
            Issue.record("expected a conflict")
            return
        }
        #expect(request.status == .failed)
    }

    @Test func aPermanentRefusalOnAPendingRequestIsNotRetried() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        let missingTemplate = ServiceError(service: .connect, kind: .rejected, code: "VAL_001", httpStatus: 400)
        _ = machine.sendFailed(missingTemplate)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 0) == .fail(missingTemplate))
    }

    @Test func unauthorizedStopsAtOnce() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        let unauthorized = ServiceError(service: .connect, kind: .unauthorized, code: "AUTH_001", httpStatus: 401)
        #expect(machine.sendFailed(unauthorized) == .fail(unauthorized))
    }

    @Test func anUnreadableOutcomeEndsAsUnknownAndRetryable() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        _ = machine.sendFailed(transient)
        #expect(machine.rereadFailed(transient, elapsed: .zero, unit: 1) == .reread(after: .seconds(1)))
        #expect(machine.rereadFailed(transient, elapsed: .zero, unit: 1) == .reread(after: .seconds(2)))
        guard case .fail(let error) = machine.rereadFailed(transient, elapsed: .zero, unit: 1) else {
            Issue.record("expected fail")
            return
        }
        #expect(error.retryable)
        #expect(error.messages.first == "outcome of approve unknown")
    }

    // Issue 9, case 2: every answer must be about the request acted on.

    @Test func aSuccessAboutAnotherRequestIsNeverDoneAndIsResentPerPolicy() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        #expect(machine.sent(Self.request(.approved, id: "PR-2")) == .reread(after: .zero))
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(1)))
        #expect(machine.sent(Self.request(.approved, id: "PR-2")) == .reread(after: .zero))
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(2)))
        #expect(machine.sent(Self.request(.approved, id: "PR-2")) == .reread(after: .zero))
        guard case .fail(let error) = machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) else {
            Issue.record("expected fail once the attempts are used up")
            return
        }
        #expect(error.retryable, "the caller's journal row stays unfinished")
        #expect(error.description.contains("answered about PR-2, not PR-1"), "\(error)")
    }

    @Test func aSuccessWithoutTheTargetStatusIsReconciledAndResent() {
        var machine = ActionReconciler(target: .failed, requestID: "PR-1", policy: policy)
        _ = machine.start()
        #expect(machine.sent(Self.request(.pending)) == .reread(after: .zero))
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(1)))
        #expect(machine.sent(Self.request(.failed)) == .finish(.done(Self.request(.failed))))
    }

    @Test func aRereadAboutAnotherRequestIsAFailedReread() {
        var machine = ActionReconciler(target: .approved, requestID: "PR-1", policy: policy)
        _ = machine.start()
        _ = machine.sendFailed(transient)
        guard case .fail(let error) = machine.reread(Self.request(.approved, id: "PR-2"), elapsed: .zero, unit: 1)
        else {
            Issue.record("a re-read about another request must not finish")
            return
        }
        #expect(error.retryable)
        #expect(error.messages.first == "outcome of approve unknown")
        #expect(error.description.contains("PR-2"))
    }

    @Test func aRereadAboutAnotherRequestAfterASuccessIsAlsoUnknown() {
        var machine = ActionReconciler(target: .failed, requestID: "PR-1", policy: policy)
        _ = machine.start()
        _ = machine.sent(Self.request(.failed, id: "PR-2"))
        guard case .fail(let error) = machine.reread(Self.request(.failed, id: "PR-3"), elapsed: .zero, unit: 1) else {
            Issue.record("expected fail")
            return
        }
        #expect(error.retryable)
        #expect(error.messages.first == "outcome of fail unknown")
    }
}
