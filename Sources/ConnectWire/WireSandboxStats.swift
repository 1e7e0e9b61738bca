/// `GET /_sandbox/stats`: what the sandbox saw and did, for tests and reliability suites.
public struct WireSandboxStats: Codable, Sendable, Equatable {
    /// Requests by status (`pending`, `approved`, `failed`, …).
    public var requestsByStatus: [String: Int]
    /// Vendor cancels that changed a subscription from active to cancelled.
    public var vendorCancelsApplied: Int
    /// Cancels answered by replaying a stored response for a repeated Idempotency-Key.
    public var vendorDuplicatesAbsorbed: Int
    /// Cancels (with a new key) of subscriptions that were already cancelled.
    public var vendorAlreadyCancelled: Int
    /// Subscriptions whose cancel was applied more than once (must stay empty).
    public var vendorSubscriptionsCancelledTwice: [String]
    /// Vendor cancel calls received, including replays and faults.
    public var vendorCancelCalls: Int
    public var approveCalls: Int
    public var failCalls: Int
    /// Responses sent, by class.
    public var responses4xx: Int
    public var responses5xx: Int
    public var responses429: Int
    /// Faults injected (5xx, lost responses), Connect and vendor.
    public var injectedFaults: Int

    public init(
        requestsByStatus: [String: Int] = [:], vendorCancelsApplied: Int = 0, vendorDuplicatesAbsorbed: Int = 0,
        vendorAlreadyCancelled: Int = 0, vendorSubscriptionsCancelledTwice: [String] = [], vendorCancelCalls: Int = 0,
        approveCalls: Int = 0, failCalls: Int = 0, responses4xx: Int = 0, responses5xx: Int = 0,
        responses429: Int = 0, injectedFaults: Int = 0
    ) {
        self.requestsByStatus = requestsByStatus
        self.vendorCancelsApplied = vendorCancelsApplied
        self.vendorDuplicatesAbsorbed = vendorDuplicatesAbsorbed
        self.vendorAlreadyCancelled = vendorAlreadyCancelled
        self.vendorSubscriptionsCancelledTwice = vendorSubscriptionsCancelledTwice
        self.vendorCancelCalls = vendorCancelCalls
        self.approveCalls = approveCalls
        self.failCalls = failCalls
        self.responses4xx = responses4xx
        self.responses5xx = responses5xx
        self.responses429 = responses429
        self.injectedFaults = injectedFaults
    }

    enum CodingKeys: String, CodingKey {
        case requestsByStatus = "requests_by_status"
        case vendorCancelsApplied = "vendor_cancels_applied"
        case vendorDuplicatesAbsorbed = "vendor_duplicates_absorbed"
        case vendorAlreadyCancelled = "vendor_already_cancelled"
        case vendorSubscriptionsCancelledTwice = "vendor_subscriptions_cancelled_twice"
        case vendorCancelCalls = "vendor_cancel_calls"
        case approveCalls = "approve_calls"
        case failCalls = "fail_calls"
        case responses4xx = "responses_4xx"
        case responses5xx = "responses_5xx"
        case responses429 = "responses_429"
        case injectedFaults = "injected_faults"
    }
}

/// `POST /_sandbox/faults`: scripted faults for deterministic tests, applied in order, each `count` times.
public struct WireFaultScript: Codable, Sendable, Equatable {
    public var rules: [WireFaultRule]

    public init(rules: [WireFaultRule]) {
        self.rules = rules
    }
}

/// One scripted fault: which calls it matches and what the sandbox does instead of (or after) answering.
public struct WireFaultRule: Codable, Sendable, Equatable {
    /// HTTP method to match (`GET`, `POST`, …); nil matches any.
    public var method: String?
    /// Path prefix to match, e.g. `/public/v1/requests` or `/vendor/v1/subscriptions`; nil matches any.
    public var pathPrefix: String?
    /// Path suffix to match, e.g. `/approve`; nil matches any.
    public var pathSuffix: String?
    /// Status to answer with (429, 500, 503, …).
    public var status: Int
    /// `Retry-After` header value to send, verbatim (seconds or an HTTP-date).
    public var retryAfter: String?
    /// Extra delay before answering, in milliseconds (to provoke client timeouts).
    public var delayMs: Int?
    /// When true the call is carried out first and only its response is replaced ("lost response").
    public var afterEffect: Bool?
    /// How many matching calls this rule applies to.
    public var count: Int

    public init(
        method: String? = nil, pathPrefix: String? = nil, pathSuffix: String? = nil, status: Int,
        retryAfter: String? = nil, delayMs: Int? = nil, afterEffect: Bool? = nil, count: Int = 1
    ) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.pathSuffix = pathSuffix
        self.status = status
        self.retryAfter = retryAfter
        self.delayMs = delayMs
        self.afterEffect = afterEffect
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case method, status, count
        case pathPrefix = "path_prefix"
        case pathSuffix = "path_suffix"
        case retryAfter = "retry_after"
        case delayMs = "delay_ms"
        case afterEffect = "after_effect"
    }
}
