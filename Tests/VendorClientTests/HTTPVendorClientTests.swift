import AsyncHTTPClient
import CancelDeskCore
import Foundation
import Logging
import Testing

@testable import VendorClient

@Suite struct HTTPVendorClientTests {
    static func client(
        _ server: VendorServer, _ http: HTTPClient, apiKey: String? = Fixtures.apiKey,
        totalTimeout: Duration = .seconds(10), logger: Logger = Fixtures.quietLogger
    ) -> HTTPVendorClient {
        let settings = HTTPVendorSettings(
            baseURL: server.baseURL + "/", apiKey: apiKey.map(Secret.init), totalTimeout: totalTimeout)
        return HTTPVendorClient(settings: settings, http: http, logger: logger)
    }

    @Test func aCancelSendsTheContractsRequest() async throws {
        try await VendorServer.with { server, http in
            let order = Fixtures.order(subscriptionID: "ok", reason: "Customer said \"stop\"")
            let outcome = await Self.client(server, http).cancel(order)
            #expect(outcome == .cancelled(alreadyCancelled: false, message: "Subscription ok cancelled"))
            let received = try #require(await server.received.first)
            #expect(received.method == "POST")
            #expect(received.target == "/vendor/v1/subscriptions/ok/cancel")
            #expect(received.headers["authorization"] == "Bearer \(Fixtures.apiKey)")
            #expect(received.headers["idempotency-key"] == "cbc1-PR-1234-5678-9012-001-cancel")
            #expect(received.headers["content-type"] == "application/json")
            #expect(received.headers["user-agent"] == "canceldesk/\(CancelDeskVersion.current)")
            let expected =
                #"{"reason":"Customer said \"stop\"","request_id":"PR-1234-5678-9012-001","subscription_id":"ok"}"#
            #expect(String(decoding: received.body, as: UTF8.self) == expected)
        }
    }

    @Test func noAuthorizationHeaderWithoutAKey() async throws {
        try await VendorServer.with { server, http in
            _ = await Self.client(server, http, apiKey: nil).cancel(Fixtures.order(subscriptionID: "ok"))
            let received = try #require(await server.received.first)
            #expect(received.headers["authorization"] == nil)
            #expect(received.headers["idempotency-key"] != nil)
        }
    }

    @Test func twoCallsOfOneOrderSendTheSameBytesAndKey() async throws {
        try await VendorServer.with { server, http in
            let client = Self.client(server, http)
            let order = Fixtures.order(subscriptionID: "unavailable", reason: "ünïcödé, \"quotes\"\nand lines")
            _ = await client.cancel(order)
            _ = await client.cancel(order)
            let received = await server.received
            try #require(received.count == 2)
            #expect(received[0].body == received[1].body)
            #expect(!received[0].body.isEmpty)
            #expect(received[0].headers["idempotency-key"] == received[1].headers["idempotency-key"])
        }
    }

    @Test func theSubscriptionIDIsOnePercentEncodedPathSegment() async throws {
        try await VendorServer.with { server, http in
            let client = Self.client(server, http)
            _ = await client.cancel(Fixtures.order(subscriptionID: "a/b c?d#e%f"))
            _ = await client.cancel(Fixtures.order(subscriptionID: ".."))
            let targets = await server.received.map(\.target)
            #expect(
                targets == [
                    "/vendor/v1/subscriptions/a%2Fb%20c%3Fd%23e%25f/cancel", "/vendor/v1/subscriptions/%2E%2E/cancel",
                ])
        }
    }

    @Test(arguments: [
        ("ok", VendorOutcome.cancelled(alreadyCancelled: false, message: "Subscription ok cancelled")),
        ("no-content", .cancelled(alreadyCancelled: false, message: "cancelled (HTTP 204)")),
        ("already-409", .cancelled(alreadyCancelled: true, message: "Subscription was cancelled on 2024-05-01")),
        ("gone", .cancelled(alreadyCancelled: true, message: "already cancelled (HTTP 410)")),
        ("in-progress", .transient(message: "HTTP 409: A request with this key is in progress", retryAfter: nil)),
        ("conflict", .permanent(message: "Subscription is suspended", clearRefusal: true, answer: "HTTP 409")),
        (
            "invalid",
            .permanent(message: "Cancellation window closed on 2024-04-30", clearRefusal: true, answer: "HTTP 422")
        ),
        ("error-only", .permanent(message: "bad_subscription", answer: "HTTP 400")),
        ("html", .permanent(message: "HTTP 400 (text/html body, 37 bytes)", answer: "HTTP 400")),
        ("missing", .permanent(message: "No such subscription", answer: "HTTP 404")),
        ("unauthorized", .unauthorized(message: "HTTP 401: invalid_token")),
        ("forbidden", .unauthorized(message: "HTTP 403: forbidden")),
        ("rate-limited", .transient(message: "HTTP 429: too_many_requests", retryAfter: .seconds(7))),
        ("unavailable", .transient(message: "HTTP 503: maintenance", retryAfter: nil)),
        ("timeout-408", .transient(message: "HTTP 408", retryAfter: nil)),
        (
            "redirect",
            .permanent(
                message: "HTTP 302 redirect to /vendor/v1/elsewhere (redirects are not followed)", answer: "HTTP 302")
        ),
        ("huge", .cancelled(alreadyCancelled: false, message: "cancelled (HTTP 200)")),
        ("plain-ok", .cancelled(alreadyCancelled: false, message: "cancelled (HTTP 200)")),
        ("huge-error", .permanent(message: "response larger than 1 MiB (dropped)", answer: "HTTP 422")),
    ])
    func answersAreClassified(scenario: String, expected: VendorOutcome) async throws {
        try await VendorServer.with { server, http in
            let outcome = await Self.client(server, http).cancel(Fixtures.order(subscriptionID: scenario))
            #expect(outcome == expected)
            #expect(await server.received.count == 1)
        }
    }

    @Test func aRetryAfterDateGivesTheDelayUntilThen() async throws {
        try await VendorServer.with { server, http in
            let outcome = await Self.client(server, http).cancel(Fixtures.order(subscriptionID: "rate-limited-date"))
            guard case .transient(_, let retryAfter?) = outcome else {
                Issue.record("expected a transient outcome with a delay, got \(outcome)")
                return
            }
            #expect(retryAfter > .seconds(86_400 * 365))
        }
    }

    @Test func aSlowAnswerIsTransient() async throws {
        try await VendorServer.with { server, http in
            let client = Self.client(server, http, totalTimeout: .milliseconds(300))
            let outcome = await client.cancel(Fixtures.order(subscriptionID: "slow"))
            #expect(outcome == .transient(message: "no complete answer within 0.3 s", retryAfter: nil))
        }
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        // A port that was just free: bind to port 0 is not needed, a closed server's port refuses connections.
        let closedPort = try await VendorServer.with { server, _ in server.port }
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2))
        let settings = HTTPVendorSettings(baseURL: "http://127.0.0.1:\(closedPort)/v1", totalTimeout: .seconds(5))
        let client = HTTPVendorClient(settings: settings, http: http, logger: Fixtures.quietLogger)
        let outcome = await client.cancel(Fixtures.order())
        let reachability = await client.checkReachability()
        try await http.shutdown()
        guard case .transient(let message, nil) = outcome else {
            Issue.record("expected transient, got \(outcome)")
            return
        }
        #expect(!message.isEmpty)
        #expect(reachability?.hasPrefix("vendor unreachable at http://127.0.0.1:") == true)
    }

    @Test func aBadBaseURLIsPermanentAndNothingIsSent() async throws {
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2))
        let client = HTTPVendorClient(
            settings: HTTPVendorSettings(baseURL: "ftp://vendor.example/v1"), http: http, logger: Fixtures.quietLogger)
        let badURL = await client.cancel(Fixtures.order())
        let emptyID = await client.cancel(Fixtures.order(subscriptionID: ""))
        try await http.shutdown()
        #expect(badURL == .permanent(message: "the vendor URL is not http or https"))
        #expect(
            emptyID == .permanent(message: "the vendor subscription id is empty; nothing was sent"))
    }

    @Test func aSubscription404IsReachableButA401IsReported() async throws {
        try await VendorServer.with { server, http in
            #expect(await Self.client(server, http).checkReachability() == nil)
            #expect(
                await Self.client(server, http, apiKey: VendorServer.rejectedKey).checkReachability()
                    == "the vendor refused the API key (HTTP 401)")
            #expect(
                await server.received.map(\.target)
                    == Array(
                        repeating: "/vendor/v1/subscriptions/canceldesk-reachability-check", count: 2))
        }
    }

    @Test func theKeyNeverReachesTheLogsOrTheSettingsDescription() async throws {
        try await VendorServer.with { server, http in
            let (logger, store) = RecordingLogHandler.logger()
            let client = Self.client(server, http, logger: logger)
            _ = await client.cancel(Fixtures.order(subscriptionID: "ok"))
            _ = await client.cancel(Fixtures.order(subscriptionID: "unauthorized"))
            _ = await client.checkReachability()
            let lines = store.lines
            #expect(lines.count == 3)
            #expect(lines.first?.contains("path=/vendor/v1/subscriptions/ok/cancel") == true)
            #expect(lines.first?.contains("status=200") == true)
            #expect(lines.allSatisfy { !$0.contains(Fixtures.apiKey) && !$0.contains("Bearer") })
            let settings = HTTPVendorSettings(baseURL: server.baseURL, apiKey: Secret(Fixtures.apiKey))
            for text in ["\(settings)", String(reflecting: settings), "\(VendorSettings.http(settings))"] {
                #expect(!text.contains(Fixtures.apiKey))
            }
        }
    }
}
