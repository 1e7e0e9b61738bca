/// Full-jitter exponential backoff within a deadline (`sleep = random(0, min(cap, base·2^attempt))`).
public struct RetryPolicy: Sendable, Equatable {
    /// Most calls made for one logical operation, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// No retry starts after this much time has passed since the first attempt.
    public var deadline: Duration
    /// The longest `Retry-After` honoured; a longer one ends the retries.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        deadline: Duration = .seconds(60), maxRetryAfter: Duration = .seconds(120)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
        self.maxRetryAfter = maxRetryAfter
    }

    /// The ceiling of the jittered delay before retry number `retry` (0-based).
    public func backoffCeiling(retry: Int) -> Duration {
        let factor = 1 << min(max(retry, 0), 20)
        let ceiling = baseDelay * factor
        return ceiling > maxDelay ? maxDelay : ceiling
    }

    /// The delay before retry number `retry`: the server's `Retry-After` when given, else full jitter.
    /// Returns nil when no retry should happen (attempts used up, deadline passed, or the server asks too long).
    /// - Parameters:
    ///   - retry: 0 for the first retry.
    ///   - elapsed: time since the first attempt started.
    ///   - retryAfter: what the server asked for, if anything.
    ///   - unit: a random number in `0...1`.
    public func delay(retry: Int, elapsed: Duration, retryAfter: Duration?, unit: Double) -> Duration? {
        guard retry + 1 < maxAttempts else { return nil }
        let wait: Duration
        if let retryAfter {
            guard retryAfter <= maxRetryAfter else { return nil }
            wait = max(retryAfter, .zero)
        } else {
            wait = backoffCeiling(retry: retry) * min(max(unit, 0), 1)
        }
        guard elapsed + wait < deadline else { return nil }
        return wait
    }
}
