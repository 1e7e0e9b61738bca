import AsyncHTTPClient
import CancelDeskCore
import CancelDeskTestSupport
import ConnectClient
import Foundation
import Logging
import Testing

/// Issue 13: every Connect exchange holds a slot of the run's shared limiter while it runs, never while it waits
/// to retry, and its answer feeds the adaptive limit.
@Suite struct ConcurrencyLimitTests {
    /// Counts the calls a server is answering at once.
    actor InFlight {
        private(set) var now = 0
        private(set) var peak = 0
        private(set) var total = 0

        func enter() {
            now += 1
            total += 1
            peak = max(peak, now)
        }

        func leave() { now -= 1 }
    }

    /// Runs `body` with a client of a fresh hostile server, sharing `limiter`.
    static func with<T: Sendable>(
        limiter: ConcurrencyLimiter, readAttempts: Int = 3,
        respond: @escaping @Sendable (HostileRequest) async -> HostileReply,
        _ body: @Sendable (ConnectClient) async throws -> T
    ) async throws -> T {
        let http = ConnectClient.makeHTTPClient()
        do {
            let result = try await HostileServer.with(respond: respond) { server in
                let configuration = ConnectClientConfiguration(
                    baseURL: server.baseURL + "/public/v1", apiKey: ConnectAPIKey(HostileConnect.key)!,
                    readRetry: RetryPolicy(
                        maxAttempts: readAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50),
                        maxRetryAfter: .seconds(5)))
                let client = ConnectClient(
                    configuration: configuration, http: http, logger: Logger(label: "limit-test"), random: { 0.5 },
                    limiter: limiter)
                return try await body(client)
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static func id(_ number: Int) -> String { "PR-0000-0000-\(String(format: "%04d", number))-001" }

    @Test func exchangesInFlightNeverExceedTheLimit() async throws {
        let limiter = ConcurrencyLimiter(max: 3)
        let inFlight = InFlight()
        try await Self.with(limiter: limiter) { request in
            await inFlight.enter()
            try? await Task.sleep(for: .milliseconds(40))
            await inFlight.leave()
            let id = String(request.path.split(separator: "/").last ?? "")
            return .json(200, HostileConnect.request(id))
        } _: { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<12 {
                    group.addTask { _ = try await client.request(id: Self.id(number)) }
                }
                try await group.waitForAll()
            }
        }
        #expect(await inFlight.total == 12)
        #expect(await inFlight.peak == 3)
        #expect(limiter.inFlight == 0)
        #expect(limiter.counts.successes == 12)
    }

    @Test func a429HalvesTheSharedLimitAndTheReadStillSucceeds() async throws {
        let limiter = ConcurrencyLimiter(max: 8)
        let calls = InFlight()
        let answer = try await Self.with(limiter: limiter) { _ in
            await calls.enter()
            await calls.leave()
            if await calls.total == 1 {
                return .json(429, #"{"error_code":"SYS_429","errors":["slow down"]}"#, headers: [("Retry-After", "0")])
            }
            return .json(200, HostileConnect.request(Self.id(1)))
        } _: { client in
            try await client.request(id: Self.id(1))
        }
        #expect(answer.id == Self.id(1))
        #expect(limiter.limit == 4)
        #expect(limiter.counts.rateLimited == 1)
        #expect(limiter.counts.successes == 1)
    }

    @Test func a503WithRetryAfterCountsAsARateLimit() async throws {
        let limiter = ConcurrencyLimiter(max: 8)
        let calls = InFlight()
        _ = try await Self.with(limiter: limiter) { _ in
            await calls.enter()
            await calls.leave()
            if await calls.total == 1 { return .json(503, "{}", headers: [("Retry-After", "0")]) }
            return .json(200, HostileConnect.request(Self.id(1)))
        } _: { client in
            try await client.request(id: Self.id(1))
        }
        #expect(limiter.limit == 4)
        #expect(limiter.counts.rateLimited == 1)
    }

    @Test func aBurstOf5xxHalvesTheLimit() async throws {
        let limiter = ConcurrencyLimiter(max: 8)
        let result = await Result(catching: {
            try await Self.with(limiter: limiter, readAttempts: 3) { _ in
                .json(502, #"{"errors":["bad gateway"]}"#)
            } _: { client in
                try await client.request(id: Self.id(1))
            }
        })
        #expect((result.failure as? ServiceError)?.kind == .transient)
        #expect(limiter.counts.serverErrors == 3)
        #expect(limiter.limit == 4)
    }

    @Test func aReadWaitingToRetryHoldsNoSlot() async throws {
        let limiter = ConcurrencyLimiter(max: 1)
        let calls = InFlight()
        let order = try await Self.with(limiter: limiter) { request in
            await calls.enter()
            await calls.leave()
            if request.path.hasSuffix(Self.id(1)), await calls.total == 1 {
                return .json(429, #"{"errors":["slow down"]}"#, headers: [("Retry-After", "1")])
            }
            let id = String(request.path.split(separator: "/").last ?? "")
            return .json(200, HostileConnect.request(id))
        } _: { client in
            try await withThrowingTaskGroup(of: String.self, returning: [String].self) { group in
                group.addTask { try await client.request(id: Self.id(1)).id }
                // Starts once the first read got its 429 and sleeps on Retry-After (1 s).
                try await Task.sleep(for: .milliseconds(300))
                group.addTask { try await client.request(id: Self.id(2)).id }
                var order: [String] = []
                for try await id in group { order.append(id) }
                return order
            }
        }
        // With the slot held during the 1 s wait, the second read would end after the first.
        #expect(order == [Self.id(2), Self.id(1)])
        #expect(limiter.inFlight == 0)
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }

    var failure: (any Error)? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
