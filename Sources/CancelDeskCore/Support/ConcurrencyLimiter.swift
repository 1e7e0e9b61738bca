internal import Foundation

/// Bounds the calls in flight to one upstream by an ``AIMDLimit``, shared by every worker of a run.
///
/// ``acquire()`` waits (first come, first served) while the calls in flight reach the limit; a cancelled waiter
/// leaves the queue and throws `CancellationError`. ``release(_:_:)`` ends the call and feeds its outcome to the
/// limit. The limiter only bounds parallelism: it never sleeps on `Retry-After` (the retry policies do), and a slot
/// is held only while a call runs. `onChange` is called with every new limit (outside the lock), and once with the
/// starting limit at creation, so a gauge can follow it.
public final class ConcurrencyLimiter: @unchecked Sendable {
    /// A slot held by one call; hand it back to ``release(_:_:)`` exactly once.
    public struct Permit: Sendable {
        let call: AIMDLimit.Call
    }

    // State guarded by `lock`.
    private let lock = NSLock()
    private var state: AIMDLimit
    private var nextWaiter: UInt64 = 0
    /// Waiters in arrival order.
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Permit, any Error>)] = []
    private var tally = Tally()

    private let clock: MonotonicClock
    private let onChange: @Sendable (Int) -> Void

    /// Calls counted by outcome since the limiter was made (for benchmarks and diagnostics).
    public struct Tally: Sendable, Equatable {
        public var successes = 0
        public var rateLimited = 0
        public var serverErrors = 0
        public var neutral = 0
        /// The lowest limit reached.
        public var lowestLimit = Int.max
        /// How many times the limit changed.
        public var changes = 0
    }

    /// - Parameters:
    ///   - max: the ceiling and starting limit (`--concurrency`); at least 1.
    ///   - adaptive: false keeps the limit at `max` (calls are still bounded and counted).
    ///   - minimumWindow: the fewest consecutive successes that raise the limit (``AIMDLimit/minimumWindow``).
    ///   - onChange: called with the limit whenever it changes, and once now.
    public init(
        max: Int, adaptive: Bool = true, minimumWindow: Int = AIMDLimit.defaultMinimumWindow,
        clock: MonotonicClock = .continuous, onChange: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        state = AIMDLimit(max: max, adaptive: adaptive, minimumWindow: minimumWindow)
        self.clock = clock
        self.onChange = onChange
        tally.lowestLimit = state.limit
        onChange(state.limit)
    }

    /// The current limit.
    public var limit: Int { lock.withLock { state.limit } }

    /// Calls in flight now.
    public var inFlight: Int { lock.withLock { state.inFlight } }

    /// Tasks waiting for a slot now.
    public var waiting: Int { lock.withLock { waiters.count } }

    /// The outcomes counted so far.
    public var counts: Tally { lock.withLock { tally } }

    /// Waits for a slot. Throws `CancellationError` when the task is (or gets) cancelled while waiting.
    public func acquire() async throws -> Permit {
        try Task.checkCancellation()
        let id: UInt64
        switch startOrQueue() {
        case .started(let permit): return permit
        case .queued(let number): id = number
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Permit, any Error>) in
                lock.lock()
                if Task.isCancelled {
                    lock.unlock()
                    continuation.resume(throwing: CancellationError())
                    return
                }
                waiters.append((id: id, continuation: continuation))
                let woken = admitWaiters()
                lock.unlock()
                for (continuation, permit) in woken { continuation.resume(returning: permit) }
            }
        } onCancel: {
            lock.lock()
            let index = waiters.firstIndex { $0.id == id }
            let waiter = index.map { waiters.remove(at: $0) }
            lock.unlock()
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Ends the call that held `permit` and feeds `outcome` to the limit; wakes waiters that now fit.
    public func release(_ permit: Permit, _ outcome: AIMDLimit.Outcome) {
        let now = clock.now()
        lock.lock()
        let changed = state.finish(permit.call, outcome, now: now)
        switch outcome {
        case .success: tally.successes += 1
        case .rateLimited: tally.rateLimited += 1
        case .serverError: tally.serverErrors += 1
        case .neutral: tally.neutral += 1
        }
        if changed {
            tally.changes += 1
            tally.lowestLimit = Swift.min(tally.lowestLimit, state.limit)
        }
        let limit = state.limit
        let woken = admitWaiters()
        lock.unlock()
        for (continuation, permit) in woken { continuation.resume(returning: permit) }
        if changed { onChange(limit) }
    }

    /// Runs `body` holding a slot; `outcome` classifies how it ended (its result or its error).
    public func withPermit<T: Sendable>(
        _ body: () async throws -> T, outcome: (Result<T, any Error>) -> AIMDLimit.Outcome
    ) async throws -> T {
        let permit = try await acquire()
        do {
            let value = try await body()
            release(permit, outcome(.success(value)))
            return value
        } catch {
            release(permit, outcome(.failure(error)))
            throw error
        }
    }

    private enum Admission {
        case started(Permit)
        case queued(UInt64)
    }

    /// Starts a call when nobody waits and there is room; else numbers the caller as the next waiter.
    private func startOrQueue() -> Admission {
        lock.withLock {
            if waiters.isEmpty, state.hasRoom { return .started(Permit(call: state.start())) }
            defer { nextWaiter += 1 }
            return .queued(nextWaiter)
        }
    }

    /// Starts calls for the oldest waiters while there is room. Call with the lock held; resume the returned
    /// continuations after unlocking.
    private func admitWaiters() -> [(CheckedContinuation<Permit, any Error>, Permit)] {
        var woken: [(CheckedContinuation<Permit, any Error>, Permit)] = []
        while !waiters.isEmpty, state.hasRoom {
            let waiter = waiters.removeFirst()
            woken.append((waiter.continuation, Permit(call: state.start())))
        }
        return woken
    }
}
