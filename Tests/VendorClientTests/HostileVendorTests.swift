import AsyncHTTPClient
import CancelDeskCore
import CancelDeskTestSupport
import Foundation
import Testing

@testable import VendorClient

/// Issue 9, vendor side: answers no honest vendor sends (another subscription's "already cancelled", a trickled
/// body, a Retry-After on a 4xx, a proxy's HTML page, an echoed key, a route 404) must not become a cancel, a hang, a
/// customer-visible refusal, a leaked secret or a "reachable".
@Suite struct HostileVendorTests {
    /// Our subscription id, shaped like the sandbox's.
    static let ours = "SUB-1A2B-3C4D-5E6F"
    static let other = "SUB-9999-0000-1111"

    /// Runs `body` with a hostile vendor and a default-contract client of it (base path `/vendor/v1`).
    static func withDefault<T: Sendable>(
        apiKey: String? = Fixtures.apiKey, totalTimeout: Duration = .seconds(10), basePath: String = "/vendor/v1",
        respond: @escaping @Sendable (HostileRequest) async -> HostileReply,
        _ body: @Sendable (HTTPVendorClient, HostileServer) async throws -> T
    ) async throws -> T {
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(30))
        do {
            let result = try await HostileServer.with(respond: respond) { server in
                let settings = HTTPVendorSettings(
                    baseURL: server.baseURL + basePath, apiKey: apiKey.map(Secret.init), totalTimeout: totalTimeout)
                return try await body(
                    HTTPVendorClient(settings: settings, http: http, logger: Fixtures.quietLogger), server)
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Runs `body` with a hostile vendor and an HTTP-template client of it.
    static func withTemplate<T: Sendable>(
        apiKey: String = Fixtures.apiKey,
        respond: @escaping @Sendable (HostileRequest) async -> HostileReply,
        _ body: @Sendable (HTTPTemplateVendorClient, HostileServer) async throws -> T
    ) async throws -> T {
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(30))
        do {
            let result = try await HostileServer.with(respond: respond) { server in
                let settings = HTTPTemplateSettings(
                    method: "POST", url: server.baseURL + "/api/subs/{subscription_id}/cancel",
                    headers: ["Authorization": "Bearer {vendor_api_key}"], body: #"{"ref": "{request_id}"}"#,
                    apiKey: Secret(apiKey), totalTimeout: .seconds(10))
                return try await body(
                    HTTPTemplateVendorClient(settings: settings, http: http, logger: Fixtures.quietLogger), server)
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static var order: VendorCancelOrder { Fixtures.order(subscriptionID: ours) }

    // MARK: case 3: an answer about another subscription

    @Test(arguments: [
        HostileReply.json(
            409, #"{"error":"already_cancelled","message":"Subscription \#(other) is already cancelled"}"#),
        .json(422, #"{"error":"already_cancelled","subscription_id":"\#(other)"}"#),
        .json(410, #"{"subscriptionId":"\#(other)"}"#),
        .json(200, #"{"id":"\#(other)","status":"cancelled"}"#),
        .json(200, #"{"subscription":{"id":"\#(other)","status":"cancelled"}}"#),
        .json(201, #"{"subscription":"\#(other)","message":"done"}"#),
        .json(200, #"{"status":"cancelled","message":"Cancelled \#(other.lowercased())."}"#),
        .json(409, #"{"error":{"code":"already_cancelled","subscription_id":"other-sub"}}"#),
    ])
    func anAnswerAboutAnotherSubscriptionIsNotOurCancel(reply: HostileReply) async throws {
        try await Self.withDefault(respond: { _ in reply }) { client, _ in
            let outcome = await client.cancel(Self.order)
            guard case .permanent(let message, let clear, let answer) = outcome else {
                Issue.record("expected a permanent outcome for a person, got \(outcome)")
                return
            }
            #expect(message.hasPrefix("the vendor's answer is about subscription "))
            #expect(message.contains(", not \(Self.ours): "))
            #expect(answer == "HTTP \(reply.status)")
            #expect(!clear)
        }
    }

    @Test func theExactWordingNamesBothSubscriptions() async throws {
        let text = "Subscription \(Self.other) is already cancelled"
        try await Self.withDefault(
            respond: { _ in .json(409, #"{"error":"already_cancelled","message":"\#(text)"}"#) }
        ) { client, _ in
            #expect(
                await client.cancel(Self.order)
                    == .permanent(
                        message: "the vendor's answer is about subscription \(Self.other), not \(Self.ours): \(text)",
                        clearRefusal: false, answer: "HTTP 409"))
        }
    }

    @Test(arguments: [
        // The sandbox's own answers: about our subscription, with a request id and dates in them.
        (
            HostileReply.json(
                200,
                #"{"cancelled_at":"2024-05-01T10:00:00Z","cancelled_by_request":"PR-1234-5678-9012-001","#
                    + #""id":"\#(ours)","status":"cancelled"}"#),
            VendorOutcome.cancelled(alreadyCancelled: false, message: "cancelled (HTTP 200)")
        ),
        (
            .json(409, #"{"error":"already_cancelled","message":"Subscription \#(ours) is already cancelled"}"#),
            .cancelled(alreadyCancelled: true, message: "Subscription \(ours) is already cancelled")
        ),
        (
            .json(
                409,
                #"{"error":"already_cancelled","subscription_id":"\#(ours.lowercased())","#
                    + #""message":"Cancelled on 2024-05-01 by PR-2222-3333-4444-001 (ref 1234-5678-9999)"}"#),
            .cancelled(
                alreadyCancelled: true,
                message: "Cancelled on 2024-05-01 by PR-2222-3333-4444-001 (ref 1234-5678-9999)")
        ),
        (
            .json(200, #"{"id":"op_77","status":"done","subscription":{"id":"\#(ours)"}}"#),
            .cancelled(alreadyCancelled: false, message: "cancelled (HTTP 200)")
        ),
    ])
    func ordinaryAnswersAboutOurSubscriptionStillCount(reply: HostileReply, expected: VendorOutcome) async throws {
        try await Self.withDefault(respond: { _ in reply }) { client, _ in
            #expect(await client.cancel(Self.order) == expected)
        }
    }

    @Test func theTemplateAdapterChecksTheSubscriptionToo() async throws {
        try await Self.withTemplate(
            respond: { _ in .json(409, #"{"error":"already_cancelled","subscription_id":"\#(Self.other)"}"#) }
        ) { client, _ in
            let outcome = await client.cancel(Self.order)
            guard case .permanent(let message, false, "HTTP 409") = outcome else {
                Issue.record("expected a permanent outcome for a person, got \(outcome)")
                return
            }
            #expect(message.hasPrefix("the vendor's answer is about subscription \(Self.other), not \(Self.ours)"))
        }
    }

    // MARK: case 5: deadlines

    @Test func aTrickledBodyEndsAtTheTotalDeadline() async throws {
        let body = #"{"status":"cancelled","message":"Subscription cancelled"}"#
        try await Self.withDefault(
            totalTimeout: .seconds(1), respond: { _ in .trickle(200, body, every: .seconds(5)) }
        ) { client, _ in
            let started = ContinuousClock.now
            let outcome = await client.cancel(Self.order)
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(outcome == .transient(message: "no complete answer within 1 s", retryAfter: nil))
        }
    }

    @Test func cancellingTheCallerEndsACallMidBody() async throws {
        let reply = HostileReply(
            status: 200, headers: [("Content-Type", "application/json")], chunks: [Data(#"{"sta"#.utf8)],
            neverFinish: true)
        try await Self.withDefault(totalTimeout: .seconds(60), respond: { _ in reply }) { client, _ in
            let order = Self.order
            let started = ContinuousClock.now
            let outcome = await withTaskGroup(of: VendorOutcome.self, returning: VendorOutcome?.self) { group in
                group.addTask { await client.cancel(order) }
                try? await Task.sleep(for: .milliseconds(500))
                group.cancelAll()
                return await group.next()
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            guard case .transient = outcome else {
                Issue.record("expected a transient outcome, got \(String(describing: outcome))")
                return
            }
        }
    }

    @Test func timeoutDefaultsAreTenSecondsToConnectAndSixtyInAll() {
        let http = HTTPVendorSettings(baseURL: "https://vendor.example/v1")
        #expect(http.connectTimeout == .seconds(10))
        #expect(http.totalTimeout == .seconds(60))
        let template = HTTPTemplateSettings(url: "https://vendor.example/v1/{subscription_id}")
        #expect(template.connectTimeout == .seconds(10))
        #expect(template.totalTimeout == .seconds(60))
    }

    // MARK: case 6: transient versus permanent

    @Test(arguments: [
        (
            HostileReply.json(
                423, #"{"error":"locked","message":"Subscription is locked"}"#, headers: [("Retry-After", "5")]),
            VendorOutcome.transient(message: "HTTP 423: Subscription is locked", retryAfter: .seconds(5))
        ),
        (
            .json(423, #"{"error":"locked"}"#),
            .transient(message: "HTTP 423: locked", retryAfter: nil)
        ),
        (
            .json(409, #"{"error":"locked","message":"locked, retry later"}"#, headers: [("Retry-After", "3")]),
            .transient(message: "HTTP 409: locked, retry later", retryAfter: .seconds(3))
        ),
        (
            .json(400, #"{"message":"timeout, please retry"}"#, headers: [("Retry-After", "2")]),
            .transient(message: "HTTP 400: timeout, please retry", retryAfter: .seconds(2))
        ),
        (
            .json(422, #"{"error":"busy","message":"Try again"}"#, headers: [("Retry-After", "soon")]),
            .transient(message: "HTTP 422: Try again", retryAfter: nil)
        ),
    ])
    func anAnswerWithRetryAfterOrA423IsTransient(reply: HostileReply, expected: VendorOutcome) async throws {
        try await Self.withDefault(respond: { _ in reply }) { client, _ in
            #expect(await client.cancel(Self.order) == expected)
        }
    }

    @Test func aProxysHTMLPageIsNeverAClearRefusalNorTheMessage() async throws {
        let page =
            "<html><head><title>431</title></head><body>" + String(repeating: "x", count: 1_180) + "</body></html>"
        try await Self.withDefault(respond: { _ in .text(431, page) }) { client, _ in
            #expect(
                await client.cancel(Self.order)
                    == .permanent(
                        message: "HTTP 431 (text/html body, \(page.utf8.count) bytes)", clearRefusal: false,
                        answer: "HTTP 431"))
        }
        try await Self.withDefault(respond: { _ in .text(502, page, contentType: "text/html; charset=utf-8") }) {
            client, _ in
            #expect(
                await client.cancel(Self.order)
                    == .transient(message: "HTTP 502 (text/html body, \(page.utf8.count) bytes)", retryAfter: nil))
        }
    }

    @Test func onlyAJSONMessageOnA4xxIsAClearRefusal() async throws {
        try await Self.withDefault(
            respond: { _ in .json(400, #"{"error":"window_closed","message":"The cancellation window closed"}"#) }
        ) { client, _ in
            #expect(
                await client.cancel(Self.order)
                    == .permanent(message: "The cancellation window closed", clearRefusal: true, answer: "HTTP 400"))
        }
        let plain = HostileReply.text(400, "The cancellation window closed", contentType: "text/plain")
        try await Self.withDefault(respond: { _ in plain }) { client, _ in
            #expect(
                await client.cancel(Self.order)
                    == .permanent(
                        message: "HTTP 400 (text/plain body, 30 bytes)", clearRefusal: false, answer: "HTTP 400"))
        }
    }

    // MARK: case 7: secrets

    @Test func anEchoedKeyNeverReachesTheMessage() async throws {
        // A key that nothing registered: the adapter masks its own key explicitly.
        let key = "vk_live_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let replies: [HostileReply] = [
            .json(400, #"{"error":"bad_request","message":"Header was Authorization: Bearer \#(key)"}"#),
            .json(400, #"{"message":"The key \#(key) is not valid for this account"}"#),
            .json(503, #"{"message":"upstream refused \#(key)"}"#),
            .json(200, #"{"message":"cancelled with key \#(key)"}"#),
            .json(401, #"{"message":"token \#(key) expired"}"#),
            .text(400, "<p>your key: \(key)</p>"),
        ]
        for reply in replies {
            try await Self.withDefault(apiKey: key, respond: { _ in reply }) { client, _ in
                let outcome = await client.cancel(Self.order)
                #expect(!"\(outcome)".contains(key), "\(reply.status): \(outcome)")
            }
            try await Self.withTemplate(apiKey: key, respond: { _ in reply }) { client, _ in
                let outcome = await client.cancel(Self.order)
                #expect(!"\(outcome)".contains(key), "template \(reply.status): \(outcome)")
            }
        }
    }

    @Test func theReachabilityMessageHasNoKeyEither() async throws {
        let key = "vk_live_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        try await Self.withDefault(apiKey: key, respond: { _ in .json(502, #"{"message":"bad key \#(key)"}"#) }) {
            client, _ in
            let problem = await client.checkReachability()
            #expect(problem != nil)
            #expect(problem?.contains(key) == false)
        }
    }

    // MARK: case 9: doctor's reachability, control characters in the key

    @Test func aRoute404IsNotReachable() async throws {
        // A base-path typo: every route answers the framework's own 404, JSON or not.
        let replies = [
            HostileReply.json(404, #"{"error":"not_found","message":"Not found."}"#), .text(404, "Not Found"),
        ]
        for reply in replies {
            try await Self.withDefault(basePath: "/vendr/v1", respond: { _ in reply }) { client, _ in
                #expect(
                    await client.checkReachability()
                        == "vendor answered 404 at /vendr/v1/subscriptions/canceldesk-reachability-check"
                        + " — check the base URL")
            }
        }
    }

    @Test func aRoute404ThatEchoesThePathIsNotReachable() async throws {
        try await Self.withDefault(
            respond: { request in
                .json(404, #"{"statusCode":404,"error":"Not Found","message":"Route GET:\#(request.path) not found"}"#)
            }
        ) { client, _ in
            #expect(await client.checkReachability()?.contains("check the base URL") == true)
        }
    }

    @Test func aSubscription404AsTheSandboxSaysIsReachable() async throws {
        try await Self.withDefault(
            respond: { request in
                guard request.path.hasPrefix("/vendor/v1/subscriptions/") else {
                    return .json(404, #"{"error":"not_found","message":"Not found."}"#)
                }
                let id = request.path.split(separator: "/").last.map(String.init) ?? ""
                return .json(404, #"{"error":"not_found","message":"Subscription \#(id) does not exist"}"#)
            }
        ) { client, server in
            #expect(await client.checkReachability() == nil)
            let received = await server.received
            #expect(received.allSatisfy { $0.method == "GET" })
            #expect(received.first?.path == "/vendor/v1/subscriptions/canceldesk-reachability-check")
        }
    }

    @Test func aSubscription404UnlikeTheRoute404IsReachable() async throws {
        try await Self.withDefault(
            respond: { request in
                request.path.hasPrefix("/vendor/v1/subscriptions/")
                    ? .json(404, #"{"error":"subscription_not_found"}"#) : .json(404, #"{"error":"not_found"}"#)
            }
        ) { client, _ in
            #expect(await client.checkReachability() == nil)
        }
    }

    @Test(
        arguments: [
            (HostileReply.json(200, #"{"id":"canceldesk-reachability-check","status":"active"}"#), nil),
            (.json(401, #"{"error":"invalid_token"}"#), "the vendor refused the API key (HTTP 401)"),
            (.json(403, #"{"error":"forbidden"}"#), "the vendor refused the API key (HTTP 403)"),
            (
                .json(503, #"{"message":"maintenance"}"#),
                "vendor answered HTTP 503 at /vendor/v1/subscriptions/canceldesk-reachability-check"
            ),
            (
                .text(200, "<html>Welcome</html>"),
                "vendor answered HTTP 200 with a text/html body, not JSON, at "
                    + "/vendor/v1/subscriptions/canceldesk-reachability-check — check the base URL"
            ),
        ] as [(HostileReply, String?)])
    func reachabilityFollowsTheContract(reply: HostileReply, expected: String?) async throws {
        try await Self.withDefault(respond: { _ in reply }) { client, _ in
            #expect(await client.checkReachability() == expected)
        }
    }

    @Test func aKeyWithControlCharactersIsNeverSent() async throws {
        for key in ["vk_live_abc\r\nX-Injected: 1", "vk_live_abc\n", "vk\u{7F}live\u{0}key"] {
            try await Self.withDefault(apiKey: key, respond: { _ in .json(200, "{}") }) { client, server in
                let outcome = await client.cancel(Self.order)
                #expect(
                    outcome
                        == .unauthorized(
                            message: "the vendor API key holds control characters (such as CR or LF); it is never sent"
                        ))
                #expect(await client.checkReachability()?.contains("control characters") == true)
                #expect(await server.received.isEmpty)
            }
            try await Self.withTemplate(apiKey: key, respond: { _ in .json(200, "{}") }) { client, server in
                guard case .unauthorized(let message) = await client.cancel(Self.order) else {
                    Issue.record("expected the key to stop the run")
                    return
                }
                #expect(message.contains("control characters"))
                #expect(await server.received.isEmpty)
            }
        }
    }
}
