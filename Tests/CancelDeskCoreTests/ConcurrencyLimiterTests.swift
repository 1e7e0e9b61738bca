import CancelDeskCore
import Synchronization
import Testing

@Suite struct ConcurrencyLimiterTests {
    /// Waits (briefly yielding) until `condition` holds, at most about 5 s.
    private func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<5_000 where !condition() {
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(condition())
    }

    @Test func acquireWaitsWhileTheLimitIsReachedAndReleaseWakesTheOldestWaiter() async throws {
        let limiter = ConcurrencyLimiter(max: 1)
        let first = try await limiter.acquire()
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                let permit = try await limiter.acquire()
                limiter.release(permit, .success)
                return 1
            }
            try await eventually { limiter.waiting == 1 }
            #expect(limiter.inFlight == 1)
            limiter.release(first, .success)
            #expect(try await group.next() == 1)
        }
        #expect(limiter.inFlight == 0)
        #expect(limiter.waiting == 0)
        #expect(limiter.counts.successes == 2)
    }

    @Test func aCancelledWaiterLeavesTheQueueAndThrows() async throws {
        let limiter = ConcurrencyLimiter(max: 1)
        let held = try await limiter.acquire()
        let waiter = Task {
            do {
                _ = try await limiter.acquire()
                return false
            } catch is CancellationError {
                return true
            }
        }
        try await eventually { limiter.waiting == 1 }
        waiter.cancel()
        #expect(try await waiter.value)
        #expect(limiter.waiting == 0)
        #expect(limiter.inFlight == 1)
        limiter.release(held, .success)
        // The slot is free again: nothing was lost to the cancelled waiter.
        let next = try await limiter.acquire()
        #expect(limiter.inFlight == 1)
        limiter.release(next, .success)
    }

    @Test func anAlreadyCancelledTaskDoesNotAcquire() async {
        let limiter = ConcurrencyLimiter(max: 4)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await limiter.acquire()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(limiter.inFlight == 0)
    }

    @Test func releaseFeedsTheLimitAndReportsEveryChange() async throws {
        let seen = Mutex<[Int]>([])
        let limiter = ConcurrencyLimiter(max: 8, minimumWindow: 1) { limit in seen.withLock { $0.append(limit) } }
        let permit = try await limiter.acquire()
        limiter.release(permit, .rateLimited(retryAfter: nil))
        #expect(limiter.limit == 4)
        for _ in 0..<3 {
            let next = try await limiter.acquire()
            limiter.release(next, .rateLimited(retryAfter: nil))
        }
        #expect(limiter.limit == 1)
        let last = try await limiter.acquire()
        limiter.release(last, .success)
        #expect(limiter.limit == 2)
        #expect(seen.withLock { $0 } == [8, 4, 2, 1, 2])
        #expect(limiter.counts.rateLimited == 4)
        #expect(limiter.counts.lowestLimit == 1)
    }

    /// Counts the bodies running at once.
    actor Peak {
        private(set) var now = 0
        private(set) var peak = 0

        func enter() {
            now += 1
            peak = max(peak, now)
        }

        func leave() { now -= 1 }
    }

    @Test func neverMoreCallsInFlightThanTheLimit() async throws {
        let limiter = ConcurrencyLimiter(max: 3)
        let peak = Peak()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await limiter.withPermit {
                        await peak.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        await peak.leave()
                    } outcome: { _ in
                        .success
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await peak.peak == 3)
        #expect(limiter.inFlight == 0)
    }

    @Test func aLowerLimitHoldsBackWaitersUntilEnoughCallsEnd() async throws {
        let limiter = ConcurrencyLimiter(max: 4)
        var permits: [ConcurrencyLimiter.Permit] = []
        for _ in 0..<4 { permits.append(try await limiter.acquire()) }
        limiter.release(permits.removeLast(), .rateLimited(retryAfter: nil))
        #expect(limiter.limit == 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let permit = try await limiter.acquire()
                limiter.release(permit, .neutral)
            }
            try await eventually { limiter.waiting == 1 }
            limiter.release(permits.removeLast(), .success)
            // Still 2 in flight: at the limit, the waiter keeps waiting.
            try await Task.sleep(for: .milliseconds(20))
            #expect(limiter.waiting == 1)
            limiter.release(permits.removeLast(), .success)
            try await group.waitForAll()
        }
        #expect(limiter.waiting == 0)
        limiter.release(permits.removeLast(), .success)
        #expect(limiter.inFlight == 0)
    }
}
