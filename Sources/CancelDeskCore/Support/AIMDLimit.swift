/// An additive-increase, multiplicative-decrease concurrency limit for one upstream: a pure state machine.
///
/// The limit starts at ``max`` and stays within `1...max`:
/// - a call answered 429, or any call carrying `Retry-After`, halves it;
/// - a burst of server errors (``burstErrors`` of the last ``burstWindow`` calls: 5xx, 408, timeouts, resets)
///   halves it;
/// - a window of consecutive successes raises it by one: ``limit`` successes, but at least ``minimumWindow``.
///
/// One decrease per congestion window: once the limit was halved, further decreases are ignored until every call
/// that was in flight at the time of the decrease has finished (the classic AIMD guard, so one overload is not
/// punished once per call that saw it). Successes of those calls do not count towards an increase either. After
/// a `Retry-After`, increases wait until the time the upstream asked for has passed (probing earlier only
/// collects more 429s); the wait itself is the retry policies' business.
///
/// Why a minimum window: with a small limit, `limit` successes pass within one round trip, which says nothing about
/// a rate limit whose token bucket lets short bursts through; growing that fast makes the limit swing between 1 and
/// 2 and collects a 429 every few calls. In a simulation of canceldesk-bench's rate-limit run (20 calls/s, 50 ms
/// answers, the ideal limit about 1) a window of `limit` calls had about 9 % of the calls answered 429, a window of
/// at least 20 calls (about a second of traffic at the rates where a small limit is right) about 3 %.
///
/// With `adaptive` false the limit stays at ``max`` whatever happens (the calls are still counted).
public struct AIMDLimit: Sendable, Equatable {
    /// What one finished call says about the upstream's capacity.
    public enum Outcome: Sendable, Equatable {
        /// The upstream answered normally (any 2xx, and 4xx answers other than 408 and 429).
        case success
        /// 429, or any answer carrying `Retry-After` (with the wait when it parsed).
        case rateLimited(retryAfter: Duration?)
        /// 5xx, 408, a timeout or a reset: the upstream may be overloaded.
        case serverError
        /// Says nothing about capacity (cancelled, refused before sending, an unreadable answer).
        case neutral
    }

    /// One started call, numbered in start order.
    public struct Call: Sendable, Hashable {
        public let number: UInt64
    }

    /// Server errors within ``burstWindow`` calls that halve the limit.
    public static let burstErrors = 3
    /// How many of the latest calls the server-error burst rule looks at.
    public static let burstWindow = 10
    /// The default ``minimumWindow``.
    public static let defaultMinimumWindow = 20

    /// The ceiling (`--concurrency`) and the starting limit.
    public let max: Int
    /// False: the limit never moves from ``max``.
    public let adaptive: Bool
    /// The fewest consecutive successes that raise the limit (the window is ``limit`` successes when larger).
    public let minimumWindow: Int
    /// Calls allowed in flight at once.
    public private(set) var limit: Int
    /// Calls started and not finished.
    public private(set) var inFlight = 0
    /// Number the next call gets.
    private var nextCall: UInt64 = 0
    /// Calls numbered below this were in flight (or done) at the last decrease: their bad news is not new.
    private var windowEnd: UInt64 = 0
    /// Consecutive successes since the last change.
    private var successes = 0
    /// The latest outcomes that count for the burst rule (true: a server error), oldest first.
    private var recent: [Bool] = []
    /// Increases wait until this time (the clock's `now`), after a `Retry-After`.
    private var holdUntil: Duration?

    public init(max: Int, adaptive: Bool = true, minimumWindow: Int = AIMDLimit.defaultMinimumWindow) {
        self.max = Swift.max(1, max)
        self.adaptive = adaptive
        self.minimumWindow = Swift.max(1, minimumWindow)
        limit = self.max
    }

    /// True when one more call may start.
    public var hasRoom: Bool { inFlight < limit }

    /// Records the start of a call (the caller checked ``hasRoom``, or chose to exceed it).
    public mutating func start() -> Call {
        defer { nextCall += 1 }
        inFlight += 1
        return Call(number: nextCall)
    }

    /// Records the end of `call`; `now` is the monotonic clock's reading. Returns true when the limit changed.
    @discardableResult
    public mutating func finish(_ call: Call, _ outcome: Outcome, now: Duration) -> Bool {
        inFlight = Swift.max(0, inFlight - 1)
        guard adaptive else { return false }
        let isNew = call.number >= windowEnd
        switch outcome {
        case .neutral:
            return false
        case .rateLimited(let retryAfter):
            successes = 0
            if let retryAfter, retryAfter > .zero {
                holdUntil = Swift.max(holdUntil ?? now, now + retryAfter)
            }
            return isNew ? decrease() : false
        case .serverError:
            successes = 0
            note(serverError: true)
            guard isNew, recent.count(where: { $0 }) >= Self.burstErrors else { return false }
            return decrease()
        case .success:
            note(serverError: false)
            if let holdUntil {
                guard now >= holdUntil else { return false }
                self.holdUntil = nil
            }
            guard isNew else { return false }
            successes += 1
            guard successes >= Swift.max(limit, minimumWindow) else { return false }
            successes = 0
            guard limit < max else { return false }
            limit += 1
            return true
        }
    }

    private mutating func note(serverError: Bool) {
        recent.append(serverError)
        if recent.count > Self.burstWindow { recent.removeFirst(recent.count - Self.burstWindow) }
    }

    /// Halves the limit (not below 1) and opens a new congestion window.
    private mutating func decrease() -> Bool {
        windowEnd = nextCall
        successes = 0
        recent = []
        let halved = Swift.max(1, limit / 2)
        guard halved != limit else { return false }
        limit = halved
        return true
    }
}
