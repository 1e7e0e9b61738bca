/// The injected clock: monotonic "now" and sleep. Tests pass a manual one; production uses ``continuous``.
public struct MonotonicClock: Sendable {
    /// Time since an arbitrary fixed origin; only differences mean anything.
    public var now: @Sendable () -> Duration
    /// Sleeps (or, in tests, advances time) for the given duration; throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system's continuous clock.
    public static let continuous: MonotonicClock = {
        let clock = ContinuousClock()
        let origin = clock.now
        return MonotonicClock(
            now: { origin.duration(to: clock.now) },
            sleep: { try await clock.sleep(for: $0) })
    }()
}
