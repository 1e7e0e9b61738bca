import CancelDeskCore
import Testing

@Suite struct CircuitBreakerTests {
    static let vendorDown = RequestResult(
        requestID: "PR-1", kind: .failed, detail: "vendor unavailable", cause: .unavailable(.vendor))
    static let connectDown = RequestResult(
        requestID: "PR-2", kind: .failed, detail: "Connect unavailable", cause: .unavailable(.connect))
    static let approved = RequestResult(requestID: "PR-3", kind: .approved, detail: "approved")
    static let refused = RequestResult(requestID: "PR-4", kind: .needsReview, detail: "vendor refused", cause: .other)

    @Test func opensAfterFiveTransientFailuresInARowOfOneUpstream() {
        var breaker = CircuitBreaker()
        for _ in 0..<4 { #expect(breaker.record(Self.vendorDown) == nil) }
        #expect(!breaker.isOpen)
        #expect(breaker.record(Self.vendorDown) == .vendor)
        #expect(breaker.isOpen)
        #expect(breaker.openedBy == .vendor)
        // Already open: later results do not re-open it, and it stays open for the pass.
        #expect(breaker.record(Self.vendorDown) == nil)
        #expect(breaker.record(Self.approved) == nil)
        #expect(breaker.isOpen)
    }

    @Test func aSuccessOrAnotherUpstreamResetsTheRun() {
        var breaker = CircuitBreaker()
        for _ in 0..<4 { breaker.record(Self.vendorDown) }
        breaker.record(Self.approved)
        for _ in 0..<4 { breaker.record(Self.vendorDown) }
        breaker.record(Self.refused) // a vendor 4xx is an answer, not an outage
        for _ in 0..<4 { breaker.record(Self.connectDown) }
        #expect(!breaker.isOpen)
    }

    @Test func opensWhenHalfOfTheLastTwentyFailed() {
        var breaker = CircuitBreaker()
        var opened: ServiceError.Service?
        // Alternate failure / success: never 5 in a row, but the 10th failure makes 10 of the last 20.
        for index in 0..<19 {
            let result = breaker.record(index.isMultiple(of: 2) ? Self.connectDown : Self.approved)
            opened = opened ?? result
        }
        #expect(opened == .connect)
        #expect(breaker.openedBy == .connect)
    }

    @Test func aLowFailureRateNeverOpensIt() {
        var breaker = CircuitBreaker()
        // One failure in four, for a long time: 5 of any 20.
        for index in 0..<400 { breaker.record(index % 4 == 0 ? Self.vendorDown : Self.approved) }
        #expect(!breaker.isOpen)
    }

    @Test func theWaitBeforeTheNextPassDoublesUpToFiveMinutes() {
        #expect(CircuitBreaker.reopenDelay(trips: 0) == .zero)
        #expect(CircuitBreaker.reopenDelay(trips: 1) == .seconds(30))
        #expect(CircuitBreaker.reopenDelay(trips: 2) == .seconds(60))
        #expect(CircuitBreaker.reopenDelay(trips: 3) == .seconds(120))
        #expect(CircuitBreaker.reopenDelay(trips: 4) == .seconds(240))
        #expect(CircuitBreaker.reopenDelay(trips: 5) == .seconds(300))
        #expect(CircuitBreaker.reopenDelay(trips: 40) == .seconds(300))
    }
}
