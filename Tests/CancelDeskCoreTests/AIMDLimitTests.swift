import CancelDeskCore
import Testing

@Suite struct AIMDLimitTests {
    /// Starts `count` calls.
    private func start(_ count: Int, on limit: inout AIMDLimit) -> [AIMDLimit.Call] {
        (0..<count).map { _ in limit.start() }
    }

    /// Starts one call and finishes it with `outcome` at `now`.
    private func oneCall(_ outcome: AIMDLimit.Outcome, on limit: inout AIMDLimit, now: Duration = .zero) {
        let call = limit.start()
        limit.finish(call, outcome, now: now)
    }

    @Test func startsAtTheMaximumAndNeverGrowsAboveIt() {
        var limit = AIMDLimit(max: 8, minimumWindow: 1)
        #expect(limit.limit == 8)
        for _ in 0..<100 { oneCall(.success, on: &limit) }
        #expect(limit.limit == 8)
        #expect(limit.inFlight == 0)
        #expect(AIMDLimit(max: 0, minimumWindow: 1).limit == 1)
    }

    @Test func a429HalvesTheLimit() {
        var limit = AIMDLimit(max: 32, minimumWindow: 1)
        oneCall(.rateLimited(retryAfter: nil), on: &limit)
        #expect(limit.limit == 16)
        oneCall(.rateLimited(retryAfter: .seconds(1)), on: &limit)
        #expect(limit.limit == 8)
    }

    @Test func onlyOneDecreasePerCongestionWindow() {
        var limit = AIMDLimit(max: 32, minimumWindow: 1)
        let calls = start(32, on: &limit)
        // Every call in flight at the time of the first decrease sees the same overload: one halving only.
        for call in calls { limit.finish(call, .rateLimited(retryAfter: nil), now: .zero) }
        #expect(limit.limit == 16)
        // A call started after the decrease brings new news.
        oneCall(.rateLimited(retryAfter: nil), on: &limit)
        #expect(limit.limit == 8)
    }

    @Test func aDecreaseIsIgnoredWhileACallOfTheOldWindowIsStillInFlight() {
        var limit = AIMDLimit(max: 16, minimumWindow: 1)
        let old = start(2, on: &limit)
        limit.finish(old[0], .rateLimited(retryAfter: nil), now: .zero)
        #expect(limit.limit == 8)
        let new = limit.start()
        limit.finish(old[1], .rateLimited(retryAfter: nil), now: .zero)
        #expect(limit.limit == 8)
        limit.finish(new, .rateLimited(retryAfter: nil), now: .zero)
        #expect(limit.limit == 4)
    }

    @Test func neverBelowOne() {
        var limit = AIMDLimit(max: 5, minimumWindow: 1)
        for _ in 0..<10 { oneCall(.rateLimited(retryAfter: nil), on: &limit) }
        #expect(limit.limit == 1)
        for _ in 0..<10 {
            for _ in 0..<10 { oneCall(.serverError, on: &limit) }
        }
        #expect(limit.limit == 1)
    }

    @Test func aBurstOfServerErrorsHalvesTheLimit() {
        var limit = AIMDLimit(max: 20, minimumWindow: 1)
        oneCall(.serverError, on: &limit)
        oneCall(.success, on: &limit)
        oneCall(.serverError, on: &limit)
        #expect(limit.limit == 20)
        oneCall(.serverError, on: &limit)
        #expect(limit.limit == 10)
    }

    @Test func scatteredServerErrorsDoNotHalveTheLimit() {
        var limit = AIMDLimit(max: 20, minimumWindow: 1)
        // One error in every 5 calls: never 3 within the last 10.
        for index in 0..<100 { oneCall(index % 5 == 0 ? .serverError : .success, on: &limit) }
        #expect(limit.limit == 20)
    }

    @Test func aBurstHalvesOncePerWindow() {
        var limit = AIMDLimit(max: 20, minimumWindow: 1)
        let calls = start(10, on: &limit)
        for call in calls { limit.finish(call, .serverError, now: .zero) }
        #expect(limit.limit == 10)
    }

    @Test func limitConsecutiveSuccessesAddOne() {
        var limit = AIMDLimit(max: 8, minimumWindow: 1)
        oneCall(.rateLimited(retryAfter: nil), on: &limit)
        #expect(limit.limit == 4)
        for _ in 0..<3 { oneCall(.success, on: &limit) }
        #expect(limit.limit == 4)
        oneCall(.success, on: &limit)
        #expect(limit.limit == 5)
        for _ in 0..<4 { oneCall(.success, on: &limit) }
        #expect(limit.limit == 5)
        oneCall(.success, on: &limit)
        #expect(limit.limit == 6)
    }

    @Test func aSmallLimitGrowsOnlyAfterTheMinimumWindow() {
        var limit = AIMDLimit(max: 40)
        #expect(limit.minimumWindow == AIMDLimit.defaultMinimumWindow)
        for _ in 0..<5 { oneCall(.rateLimited(retryAfter: nil), on: &limit) }
        #expect(limit.limit == 1)
        for _ in 0..<19 { oneCall(.success, on: &limit) }
        #expect(limit.limit == 1)
        oneCall(.success, on: &limit)
        #expect(limit.limit == 2)
        // Above the minimum window the window is the limit itself.
        var large = AIMDLimit(max: 60)
        oneCall(.rateLimited(retryAfter: nil), on: &large)
        #expect(large.limit == 30)
        for _ in 0..<29 { oneCall(.success, on: &large) }
        #expect(large.limit == 30)
        oneCall(.success, on: &large)
        #expect(large.limit == 31)
    }

    @Test func anErrorBreaksTheRunOfSuccesses() {
        var limit = AIMDLimit(max: 8, minimumWindow: 1)
        oneCall(.rateLimited(retryAfter: nil), on: &limit)
        for _ in 0..<3 { oneCall(.success, on: &limit) }
        oneCall(.serverError, on: &limit)
        for _ in 0..<3 { oneCall(.success, on: &limit) }
        #expect(limit.limit == 4)
        oneCall(.success, on: &limit)
        #expect(limit.limit == 5)
    }

    @Test func successesOfCallsFromBeforeTheDecreaseDoNotCount() {
        var limit = AIMDLimit(max: 8, minimumWindow: 1)
        let old = start(8, on: &limit)
        limit.finish(old[0], .rateLimited(retryAfter: nil), now: .zero)
        #expect(limit.limit == 4)
        for call in old.dropFirst() { limit.finish(call, .success, now: .zero) }
        #expect(limit.limit == 4)
    }

    @Test func increasesWaitForRetryAfter() {
        var limit = AIMDLimit(max: 4, minimumWindow: 1)
        oneCall(.rateLimited(retryAfter: .seconds(1)), on: &limit, now: .seconds(10))
        #expect(limit.limit == 2)
        for _ in 0..<5 { oneCall(.success, on: &limit, now: .milliseconds(10_500)) }
        #expect(limit.limit == 2)
        for _ in 0..<2 { oneCall(.success, on: &limit, now: .seconds(11)) }
        #expect(limit.limit == 3)
    }

    @Test func neutralOutcomesChangeNothing() {
        var limit = AIMDLimit(max: 4, minimumWindow: 1)
        oneCall(.rateLimited(retryAfter: nil), on: &limit)
        oneCall(.success, on: &limit)
        for _ in 0..<10 { oneCall(.neutral, on: &limit) }
        oneCall(.success, on: &limit)
        #expect(limit.limit == 3)
    }

    @Test func aFixedLimitNeverMoves() {
        var limit = AIMDLimit(max: 6, adaptive: false)
        for _ in 0..<10 { oneCall(.rateLimited(retryAfter: nil), on: &limit) }
        for _ in 0..<10 { oneCall(.serverError, on: &limit) }
        #expect(limit.limit == 6)
    }

    @Test func hasRoomFollowsTheCallsInFlight() {
        var limit = AIMDLimit(max: 2, minimumWindow: 1)
        #expect(limit.hasRoom)
        let calls = start(2, on: &limit)
        #expect(!limit.hasRoom)
        limit.finish(calls[0], .success, now: .zero)
        #expect(limit.hasRoom)
        #expect(limit.inFlight == 1)
    }
}
