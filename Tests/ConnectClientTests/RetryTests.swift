import CancelDeskCore
import ConnectClient
import Testing

@Suite struct RetryTests {
    let policy = RetryPolicy(
        maxAttempts: 5, baseDelay: .milliseconds(500), maxDelay: .seconds(30), deadline: .seconds(60),
        maxRetryAfter: .seconds(120))

    @Test func fullJitterStaysUnderTheExponentialCeiling() {
        #expect(policy.backoffCeiling(retry: 0) == .milliseconds(500))
        #expect(policy.backoffCeiling(retry: 3) == .seconds(4))
        #expect(policy.backoffCeiling(retry: 10) == .seconds(30))
        #expect(policy.delay(retry: 2, elapsed: .zero, retryAfter: nil, unit: 1) == .seconds(2))
        #expect(policy.delay(retry: 2, elapsed: .zero, retryAfter: nil, unit: 0) == .zero)
        #expect(policy.delay(retry: 2, elapsed: .zero, retryAfter: nil, unit: 0.5) == .seconds(1))
    }

    @Test func stopsAfterMaxAttemptsOrDeadline() {
        #expect(policy.delay(retry: 3, elapsed: .zero, retryAfter: nil, unit: 1) != nil)
        #expect(policy.delay(retry: 4, elapsed: .zero, retryAfter: nil, unit: 1) == nil)
        #expect(policy.delay(retry: 0, elapsed: .seconds(59), retryAfter: .seconds(2), unit: 0) == nil)
    }

    @Test func honoursRetryAfterButNotBeyondItsLimit() {
        #expect(policy.delay(retry: 0, elapsed: .zero, retryAfter: .seconds(7), unit: 0) == .seconds(7))
        #expect(policy.delay(retry: 0, elapsed: .zero, retryAfter: .seconds(121), unit: 0) == nil)
    }

    @Test func parsesRetryAfterSecondsAndHTTPDates() {
        let now = 784_111_777.0 // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .seconds(0))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:27 GMT", now: now) == .zero)
        for garbage in [
            "", "-5", "1.5", "soon", "Sun, 06 Nov 1994 08:49:47 PST", "Sun, 32 Nov 1994 08:49:47 GMT",
            "99999999999",
        ] {
            #expect(RetryAfter.parse(garbage, now: now) == nil, "\(garbage)")
        }
    }
}
