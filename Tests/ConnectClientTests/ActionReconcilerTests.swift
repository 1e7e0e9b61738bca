import CancelDeskCore
import ConnectClient
import Foundation
import Testing

@Suite struct ActionReconcilerTests {
    static func request(_ status: RequestStatus) -> FulfillmentRequest {
        FulfillmentRequest(
            id: "PR-1", type: .cancel, status: status, created: Date(timeIntervalSince1970: 0),
            asset: Asset(id: "AS-1", status: .terminating, product: Product(id: "PRD-1"),
                connection: Connection(id: "CT-1", type: .production)))
    }

    let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxDelay: .seconds(8), deadline: .seconds(60))
    let transient = ServiceError(service: .connect, kind: .transient, httpStatus: 503)

    @Test func aCleanApproveFinishesDone() {
        var machine = ActionReconciler(target: .approved, policy: policy)
        #expect(machine.start() == .send(after: .zero))
        #expect(machine.sent(Self.request(.approved)) == .finish(.done(Self.request(.approved))))
    }

    @Test func aLostResponseIsReconciledFromTheReread() {
        var machine = ActionReconciler(target: .approved, policy: policy)
        _ = machine.start()
        #expect(machine.sendFailed(transient) == .reread(after: .zero))
        #expect(machine.reread(Self.request(.approved), elapsed: .zero, unit: 0.5)
            == .finish(.alreadyDone(Self.request(.approved))))
    }

    @Test func aTransientErrorIsResentOnlyAfterTheRereadShowsPending() {
        var machine = ActionReconciler(target: .failed, policy: policy)
        _ = machine.start()
        _ = machine.sendFailed(transient)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(1)))
        _ = machine.sendFailed(transient)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .send(after: .seconds(2)))
        _ = machine.sendFailed(transient)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 1) == .fail(transient))
    }

    @Test func theOppositeStatusIsAConflictForAPerson() {
        var machine = ActionReconciler(target: .approved, policy: policy)
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
        var machine = ActionReconciler(target: .approved, policy: policy)
        _ = machine.start()
        let missingTemplate = ServiceError(service: .connect, kind: .rejected, code: "VAL_001", httpStatus: 400)
        _ = machine.sendFailed(missingTemplate)
        #expect(machine.reread(Self.request(.pending), elapsed: .zero, unit: 0) == .fail(missingTemplate))
    }

    @Test func unauthorizedStopsAtOnce() {
        var machine = ActionReconciler(target: .approved, policy: policy)
        _ = machine.start()
        let unauthorized = ServiceError(service: .connect, kind: .unauthorized, code: "AUTH_001", httpStatus: 401)
        #expect(machine.sendFailed(unauthorized) == .fail(unauthorized))
    }

    @Test func anUnreadableOutcomeEndsAsUnknownAndRetryable() {
        var machine = ActionReconciler(target: .approved, policy: policy)
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
}
