public import CancelDeskCore

/// The pure state machine behind approve and fail: never re-send blindly; after any doubtful answer re-read the
/// request and decide from its status.
///
/// Every answer must be about ``requestID``: a 2xx about another request, or one that does not show the target
/// status, is never trusted (re-read, then re-send per policy while the request is still actionable); a re-read about
/// another request is a failed re-read (the outcome is unknown).
///
/// Feed it events; it answers with the next ``Action``. The I/O layer carries actions out.
public struct ActionReconciler: Sendable {
    /// The status our action moves a request to.
    public enum Target: Sendable, Equatable {
        case approved, failed

        var status: RequestStatus { self == .approved ? .approved : .failed }
    }

    /// What to do next.
    public enum Action: Sendable, Equatable {
        /// Send the action (again), after waiting this long.
        case send(after: Duration)
        /// Read the request, after waiting this long.
        case reread(after: Duration)
        /// Stop: the outcome is known.
        case finish(ActionOutcome)
        /// Stop: the action did not happen, or whether it happened is unknown; the error says which.
        case fail(ServiceError)
    }

    public let target: Target
    /// The request the action is about; every answer must be about it.
    public let requestID: String
    let policy: RetryPolicy
    private var sends = 0
    private var rereads = 0
    private var lastError: ServiceError?

    public init(target: Target, requestID: String, policy: RetryPolicy) {
        self.target = target
        self.requestID = requestID
        self.policy = policy
    }

    /// The action's name in messages.
    var verb: String { target == .approved ? "approve" : "fail" }

    /// The first action.
    public mutating func start() -> Action {
        sends = 1
        return .send(after: .zero)
    }

    /// The action call answered 2xx with this request.
    public mutating func sent(_ request: FulfillmentRequest) -> Action {
        let doubt: String
        if request.id != requestID {
            doubt = "\(verb) answered about \(request.id), not \(requestID)"
        } else if request.status != target.status {
            doubt = "\(verb) answered 2xx but the request is \(request.status)"
        } else {
            return .finish(.done(request))
        }
        // Not trusted: the re-read decides, and while the request is still actionable the action is re-sent.
        lastError = ServiceError(service: .connect, kind: .transient, messages: [doubt])
        rereads = 0
        return .reread(after: .zero)
    }

    /// The action call failed.
    public mutating func sendFailed(_ error: ServiceError) -> Action {
        lastError = error
        switch error.kind {
        case .unauthorized, .forbidden, .refused:
            // The call was refused before it could act.
            return .fail(error)
        case .transient, .rateLimited, .rejected, .notFound, .malformedResponse:
            rereads = 0
            return .reread(after: .zero)
        }
    }

    /// The re-read returned the request as it is now.
    /// - Parameters:
    ///   - elapsed: time since ``start()``.
    ///   - unit: a random number in `0...1` for jitter.
    public mutating func reread(_ request: FulfillmentRequest, elapsed: Duration, unit: Double) -> Action {
        guard request.id == requestID else {
            let error = ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: ["GET /requests/\(requestID) answered about \(request.id), not \(requestID)"])
            return rereadFailed(error, elapsed: elapsed, unit: unit)
        }
        if request.status == target.status { return .finish(.alreadyDone(request)) }
        switch request.status {
        case .pending, .inquiring:
            guard let error = lastError else {
                // 2xx with the wrong status, yet still actionable: the server did not do it.
                return .fail(
                    ServiceError(
                        service: .connect, kind: .malformedResponse,
                        messages: ["\(target) answered 2xx but the request is still \(request.status)"]))
            }
            guard error.retryable,
                let wait = policy.delay(retry: sends - 1, elapsed: elapsed, retryAfter: error.retryAfter, unit: unit)
            else { return .fail(error) }
            sends += 1
            return .send(after: wait)
        default:
            let detail = "request is \(request.status); canceldesk tried to make it \(target.status)"
            return .finish(.conflict(request, detail: detail))
        }
    }

    /// The re-read failed. Whether our action happened is unknown unless a later re-read succeeds.
    public mutating func rereadFailed(_ error: ServiceError, elapsed: Duration, unit: Double) -> Action {
        rereads += 1
        guard error.retryable,
            let wait = policy.delay(retry: rereads - 1, elapsed: elapsed, retryAfter: error.retryAfter, unit: unit)
        else {
            var unknown = error
            unknown.messages.insert("outcome of \(verb) unknown", at: 0)
            if unknown.kind != .unauthorized && unknown.kind != .forbidden { unknown.kind = .transient }
            return .fail(unknown)
        }
        return .reread(after: wait)
    }
}
