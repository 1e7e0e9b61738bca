import AsyncHTTPClient
import CancelDeskCore
import Foundation
import Logging
import Testing

@testable import VendorClient

@Suite struct HTTPTemplateVendorClientTests {
    static func settings(
        _ server: VendorServer, method: String = "PUT",
        path: String = "/v2/tenants/{param:tenant}/subscriptions/{subscription_id}?request={request_id}",
        body: String? =
            #"{"note": "{reason}", "customer": "{customer_id}", "product": "{product_id}", "asset": "{asset_id}"}"#,
        headers: [String: String] = ["X-Api-Key": "{vendor_api_key}", "Idempotency-Key": "{idempotency_key}"]
    ) -> HTTPTemplateSettings {
        HTTPTemplateSettings(
            method: method, url: "http://127.0.0.1:\(server.port)" + path, headers: headers, body: body,
            apiKey: Secret(Fixtures.apiKey), totalTimeout: .seconds(10))
    }

    @Test func placeholdersAreSubstitutedAndEncodedForEachPart() async throws {
        try await VendorServer.with { server, http in
            let reason = "He said \"stop\"\nthen left\t\\ — ünïcödé"
            let order = Fixtures.order(subscriptionID: "ok", reason: reason)
            let client = HTTPTemplateVendorClient(
                settings: Self.settings(server), http: http, logger: Fixtures.quietLogger)
            let outcome = await client.cancel(order)
            #expect(outcome == .cancelled(alreadyCancelled: false, message: "Subscription ok cancelled"))
            let received = try #require(await server.received.first)
            #expect(received.method == "PUT")
            #expect(received.target == "/v2/tenants/acme%2Feu%20west/subscriptions/ok?request=PR-1234-5678-9012-001")
            #expect(received.headers["x-api-key"] == Fixtures.apiKey)
            #expect(received.headers["idempotency-key"] == "cbc1-PR-1234-5678-9012-001-cancel")
            #expect(received.headers["content-type"] == "application/json")
            #expect(received.headers["user-agent"] == "canceldesk/\(CancelDeskVersion.current)")
            let json = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: String])
            #expect(
                json == [
                    "note": reason, "customer": "TA-0001-0002-0003", "product": "PRD-111-222-333",
                    "asset": "AS-1234-5678-9012",
                ])
        }
    }

    @Test func answersAreClassifiedLikeTheDefaultContract() async throws {
        try await VendorServer.with { server, http in
            let settings = Self.settings(server, method: "POST", path: "/cancel/{subscription_id}", body: nil)
            let client = HTTPTemplateVendorClient(settings: settings, http: http, logger: Fixtures.quietLogger)
            #expect(
                await client.cancel(Fixtures.order(subscriptionID: "gone"))
                    == .cancelled(alreadyCancelled: true, message: "already cancelled (HTTP 410)"))
            #expect(
                await client.cancel(Fixtures.order(subscriptionID: "rate-limited"))
                    == .transient(message: "HTTP 429: too_many_requests", retryAfter: .seconds(7)))
            #expect(
                await client.cancel(Fixtures.order(subscriptionID: "invalid"))
                    == .permanent(
                        message: "Cancellation window closed on 2024-04-30", clearRefusal: true, answer: "HTTP 422"))
            let received = await server.received
            #expect(received.count == 3)
            #expect(received.allSatisfy { $0.body.isEmpty && $0.headers["content-type"] == nil })
        }
    }

    @Test func aMissingParameterIsPermanentAndNothingIsSent() async throws {
        try await VendorServer.with { server, http in
            let client = HTTPTemplateVendorClient(
                settings: Self.settings(server), http: http, logger: Fixtures.quietLogger)
            let order = Fixtures.order(subscriptionID: "ok", params: [])
            #expect(
                await client.cancel(order)
                    == .permanent(
                        message: "the asset has no parameter \"tenant\" for {param:tenant}; nothing was sent"))
            #expect(await server.received.isEmpty)
        }
    }

    @Test func anInvalidTemplateIsNeverSent() async throws {
        try await VendorServer.with { server, http in
            let settings = Self.settings(server, path: "/cancel/{subscription}")
            let client = HTTPTemplateVendorClient(settings: settings, http: http, logger: Fixtures.quietLogger)
            guard case .permanent(let message, false, nil) = await client.cancel(Fixtures.order(subscriptionID: "ok"))
            else {
                Issue.record("expected a permanent outcome")
                return
            }
            #expect(message.contains("unknown placeholder {subscription}"))
            #expect(await server.received.isEmpty)
        }
    }

    @Test func reachabilityAsksTheHostsRoot() async throws {
        try await VendorServer.with { server, http in
            let client = HTTPTemplateVendorClient(
                settings: Self.settings(server), http: http, logger: Fixtures.quietLogger)
            #expect(await client.checkReachability() == nil)
            #expect(await server.received.map(\.target) == ["/"])
        }
    }

    @Test func headerValuesCannotBeSplitByOrderData() throws {
        let settings = HTTPTemplateSettings(url: "https://vendor.example/c", headers: ["X-Reason": "{reason}"])
        let client = HTTPTemplateVendorClient(
            settings: settings, http: HTTPClient.shared, logger: Fixtures.quietLogger)
        let request = try client.request(for: Fixtures.order(reason: "a\r\nX-Injected: 1"))
        #expect(request.headers["X-Reason"] == ["a  X-Injected: 1"])
        #expect(request.headers["X-Injected"].isEmpty)
    }

    @Test func aValidTemplateHasNoProblems() {
        let settings = HTTPTemplateSettings(
            method: "post", url: "https://vendor.example/api/{param:tenant}/subs/{subscription_id}/cancel?x={asset_id}",
            headers: ["Authorization": "Token {vendor_api_key}", "Idempotency-Key": "{idempotency_key}"],
            body: #"{"reason": "{reason}", "request": "{request_id}", "qty": {param:seats}, "o": {"k": []}}"#,
            apiKey: Secret("k"))
        #expect(HTTPTemplateVendorClient.validate(settings) == [])
    }

    @Test(arguments: [
        (
            HTTPTemplateSettings(method: "FETCH", url: "https://vendor.example/c"),
            "method \"FETCH\" is not one of GET, POST, PUT, PATCH, DELETE"
        ),
        (HTTPTemplateSettings(url: "ftp://vendor.example/c"), "the template URL is not http or https"),
        (HTTPTemplateSettings(url: "vendor.example/c"), "the template URL is not a valid URL"),
        (HTTPTemplateSettings(url: "https://user:pw@vendor.example/c"), "the template URL must not hold user info"),
        (
            HTTPTemplateSettings(url: "https://{param:host}/c"),
            "the template URL may hold placeholders only in its path and query, after the host"
        ),
        (
            HTTPTemplateSettings(url: "https://vendor.example/c/{subscriptionid}"),
            "unknown placeholder {subscriptionid} in the URL (known: {request_id} {subscription_id} {asset_id} "
                + "{product_id} {customer_id} {idempotency_key} {reason} {param:ID} {vendor_api_key})"
        ),
        (
            HTTPTemplateSettings(url: "https://vendor.example/c", body: #"{"a": "{foo:bar}"}"#),
            "unknown placeholder {foo:bar} in the body (known: {request_id} {subscription_id} {asset_id} "
                + "{product_id} {customer_id} {idempotency_key} {reason} {param:ID} {vendor_api_key})"
        ),
        (
            HTTPTemplateSettings(url: "https://vendor.example/c?key={vendor_api_key}", apiKey: Secret("k")),
            "{vendor_api_key} may appear in header values only, not in the URL"
        ),
        (
            HTTPTemplateSettings(
                url: "https://vendor.example/c", body: #"{"k": "{vendor_api_key}"}"#, apiKey: Secret("k")),
            "{vendor_api_key} may appear in header values only, not in the body"
        ),
        (
            HTTPTemplateSettings(url: "https://vendor.example/c", headers: ["X-Key": "{vendor_api_key}"]),
            "the header X-Key uses {vendor_api_key} but no vendor API key is set"
        ),
        (
            HTTPTemplateSettings(url: "https://vendor.example/c", headers: ["Bad Name": "x"]),
            "header name \"Bad Name\" is not valid"
        ),
        (
            HTTPTemplateSettings(url: "https://vendor.example/c", body: #"{"reason": "{reason}""#),
            "the body is not valid JSON (placeholders replaced by 0)"
        ),
    ])
    func validateFindsEachProblem(settings: HTTPTemplateSettings, problem: String) {
        #expect(HTTPTemplateVendorClient.validate(settings) == [problem])
    }

    @Test func aFormBodyIsPercentEncodedAndNotParsedAsJSON() throws {
        let settings = HTTPTemplateSettings(
            url: "https://vendor.example/c", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "id={subscription_id}&reason={reason}")
        #expect(HTTPTemplateVendorClient.validate(settings) == [])
        let client = HTTPTemplateVendorClient(settings: settings, http: HTTPClient.shared, logger: Fixtures.quietLogger)
        let request = try client.request(for: Fixtures.order(reason: "a b&c=\"d\""))
        #expect(request.body.map { String(decoding: $0, as: UTF8.self) } == "id=SUB-1001&reason=a%20b%26c%3D%22d%22")
    }

    @Test func theKeyNeverReachesTheLogs() async throws {
        try await VendorServer.with { server, http in
            let (logger, store) = RecordingLogHandler.logger()
            let client = HTTPTemplateVendorClient(settings: Self.settings(server), http: http, logger: logger)
            _ = await client.cancel(Fixtures.order(subscriptionID: "ok"))
            let lines = store.lines
            #expect(lines.count == 1)
            #expect(lines.first?.contains("path=/v2/tenants/acme%2Feu%20west/subscriptions/ok ") == true)
            #expect(lines.allSatisfy { !$0.contains(Fixtures.apiKey) && !$0.contains("request=PR-") })
            #expect(!"\(Self.settings(server))".contains(Fixtures.apiKey))
        }
    }
}
