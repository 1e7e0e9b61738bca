/// The vendor's cancel capability: cancel a subscription in the vendor's own system, idempotently.
public protocol VendorAPI: Sendable {
    /// Cancels the subscription once. Adapters classify every answer; they never throw for a vendor answer.
    /// The same ``VendorCancelOrder/idempotencyKey`` is sent on every attempt for one request.
    func cancel(_ order: VendorCancelOrder) async -> VendorOutcome
    /// A cheap reachability check for `doctor` (nil = reachable, else what is wrong).
    func checkReachability() async -> String?
}

/// Everything an adapter may need to cancel one subscription.
public struct VendorCancelOrder: Sendable, Equatable {
    public var requestID: String
    public var subscriptionID: String
    /// Text for the vendor's own audit (never customer-visible through canceldesk).
    public var reason: String
    /// Deterministic for the request: identical on every retry and every machine.
    public var idempotencyKey: String
    /// The whole request, for template and command adapters that need other fields or parameters.
    public var request: FulfillmentRequest

    public init(
        requestID: String, subscriptionID: String, reason: String, idempotencyKey: String, request: FulfillmentRequest
    ) {
        self.requestID = requestID
        self.subscriptionID = subscriptionID
        self.reason = reason
        self.idempotencyKey = idempotencyKey
        self.request = request
    }
}

/// How a vendor cancel call ended, classified by the adapter.
public enum VendorOutcome: Sendable, Equatable {
    /// 2xx, or 409/410 meaning "already cancelled".
    case cancelled(alreadyCancelled: Bool, message: String)
    /// 408, 425, 429, 5xx, timeouts, resets, command exit 75: try again later with the same key.
    case transient(message: String, retryAfter: Duration?)
    /// Any other refusal: the vendor will not cancel this as asked. The message is the vendor's, raw.
    ///
    /// `clearRefusal` is the adapter's verdict: true only for an unambiguous refusal about this subscription (for
    /// HTTP, a 4xx other than 404 with a JSON message), the only kind whose message may become a customer-visible
    /// reason. `answer` is the adapter's short label of what came back (`HTTP 404`, `exit 3`), nil when nothing did:
    /// Core never interprets it, it only shows it and compares it to tell a configuration fault (every call refused
    /// alike) apart.
    case permanent(message: String, clearRefusal: Bool = false, answer: String? = nil)
    /// The vendor refused our credentials (401/403): stop the run, fail nothing.
    case unauthorized(message: String)
}
