/// Stops a pass from working through the queue while an upstream (Connect or the vendor) is down.
///
/// Each finished request is one sample per upstream: a request that ended because that service stayed unavailable
/// past its retries is a failure, any other ending (approved, rejected, needs review…) a success; a vendor retry
/// that failed again after two retries (a request's third or later transient answer) is a failure sample too. The breaker opens
/// after `consecutiveLimit` failures in a row, or when `windowFailureLimit` of the last `window` samples failed
/// (5 in a row, or half of the last 20). Open means: start no new request; calls in flight
/// finish; vendor retries put aside are not made (their journal rows stay `vendor_sending`, so the next pass
/// resumes them with the same idempotency key); nothing is failed or rejected in Connect because the breaker is open
/// — the requests stay pending for the next pass, which `--auto --watch` starts after ``reopenDelay(trips:)``.
///
/// A pure value: `CancelEngine.runQueue` feeds it results and asks ``isOpen``.
public struct CircuitBreaker: Sendable, Equatable {
    public var consecutiveLimit: Int
    public var window: Int
    public var windowFailureLimit: Int

    /// Per upstream: failures in a row, and the last `window` samples (true = failure), oldest first.
    private var consecutive: [ServiceError.Service: Int] = [:]
    private var recent: [ServiceError.Service: [Bool]] = [:]

    /// The upstream that opened the breaker, once one did; it stays open for the rest of the pass.
    public private(set) var openedBy: ServiceError.Service?

    public init(consecutiveLimit: Int = 5, window: Int = 20, windowFailureLimit: Int = 10) {
        self.consecutiveLimit = max(1, consecutiveLimit)
        self.window = max(1, window)
        self.windowFailureLimit = max(1, windowFailureLimit)
    }

    public var isOpen: Bool { openedBy != nil }

    /// Records one finished request: a failure sample for the upstream it found unavailable, a success for the
    /// other. Returns the upstream when this result opened the breaker (nil otherwise, also when already open).
    @discardableResult
    public mutating func record(_ result: RequestResult) -> ServiceError.Service? {
        let down: ServiceError.Service? = if case .unavailable(let service) = result.cause { service } else { nil }
        let connect = record(.connect, failed: down == .connect)
        let vendor = record(.vendor, failed: down == .vendor)
        return connect ?? vendor
    }

    /// Records one sample for `service` (a vendor retry that failed again is a failure on its own, before its
    /// request finishes). Returns `service` when this sample opened the breaker.
    @discardableResult
    public mutating func record(_ service: ServiceError.Service, failed: Bool) -> ServiceError.Service? {
        consecutive[service] = failed ? (consecutive[service] ?? 0) + 1 : 0
        var samples = recent[service] ?? []
        samples.append(failed)
        if samples.count > window { samples.removeFirst(samples.count - window) }
        recent[service] = samples
        guard openedBy == nil, failed else { return nil }
        let failures = samples.filter { $0 }.count
        guard (consecutive[service] ?? 0) >= consecutiveLimit || failures >= windowFailureLimit else { return nil }
        openedBy = service
        return service
    }

    /// How long `--watch` waits before the next pass after `trips` passes in a row ended with the breaker open:
    /// 30 s, 60 s, 120 s, 240 s, then 300 s at most. The next pass starts with a listing (a read), never a cancel.
    public static func reopenDelay(trips: Int) -> Duration {
        guard trips > 0 else { return .zero }
        let seconds = min(300, 30 << min(trips - 1, 4))
        return .seconds(seconds)
    }
}

extension CircuitBreaker {
    /// Why no new request starts once the breaker opened: `Connect looks down (circuit breaker open)`.
    static func outage(_ service: ServiceError.Service) -> String {
        (service == .vendor ? "the vendor API" : "Connect") + " looks down (circuit breaker open)"
    }
}
