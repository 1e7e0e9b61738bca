import AsyncHTTPClient
import CancelDeskCore
import CancelDeskTestSupport
import Foundation
import Testing

@testable import VendorClient

/// Issue 13: every vendor HTTP call holds a slot of the run's shared vendor limiter while it runs, and the
/// vendor's answers feed the adaptive limit.
@Suite struct VendorConcurrencyLimitTests {
    actor InFlight {
        private(set) var now = 0
        private(set) var peak = 0

        func enter() {
            now += 1
            peak = max(peak, now)
        }

        func leave() { now -= 1 }
    }

    static func with<T: Sendable>(
        limiter: ConcurrencyLimiter, respond: @escaping @Sendable (HostileRequest) async -> HostileReply,
        _ body: @Sendable (HTTPVendorClient) async throws -> T
    ) async throws -> T {
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(30))
        do {
            let result = try await HostileServer.with(respond: respond) { server in
                let settings = HTTPVendorSettings(baseURL: server.baseURL + "/vendor/v1")
                return try await body(
                    HTTPVendorClient(settings: settings, http: http, logger: Fixtures.quietLogger, limiter: limiter))
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test func vendorCallsInFlightNeverExceedTheLimit() async throws {
        let limiter = ConcurrencyLimiter(max: 2)
        let inFlight = InFlight()
        try await Self.with(limiter: limiter) { request in
            await inFlight.enter()
            try? await Task.sleep(for: .milliseconds(40))
            await inFlight.leave()
            let id = request.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
            return .json(200, #"{"status":"cancelled","subscription_id":"\#(id)"}"#)
        } _: { client in
            await withTaskGroup(of: Void.self) { group in
                for number in 0..<8 {
                    group.addTask {
                        let outcome = await client.cancel(Fixtures.order(subscriptionID: "SUB-\(number)"))
                        guard case .cancelled = outcome else {
                            Issue.record("unexpected outcome \(outcome)")
                            return
                        }
                    }
                }
            }
        }
        #expect(await inFlight.peak == 2)
        #expect(limiter.counts.successes == 8)
        #expect(limiter.inFlight == 0)
    }

    @Test func aVendor429HalvesTheLimitAndA5xxBurstHalvesItAgain() async throws {
        let limiter = ConcurrencyLimiter(max: 16)
        try await Self.with(limiter: limiter) { request in
            request.text.contains("SUB-429")
                ? .json(429, #"{"error":"rate_limited"}"#, headers: [("Retry-After", "0")])
                : .json(503, #"{"error":"unavailable"}"#)
        } _: { client in
            let limited = await client.cancel(Fixtures.order(subscriptionID: "SUB-429"))
            guard case .transient = limited else {
                Issue.record("a 429 is transient, got \(limited)")
                return
            }
            #expect(limiter.limit == 8)
            for _ in 0..<3 { _ = await client.cancel(Fixtures.order(subscriptionID: "SUB-503")) }
            #expect(limiter.limit == 4)
        }
        #expect(limiter.counts.rateLimited == 1)
        #expect(limiter.counts.serverErrors == 3)
    }
}
