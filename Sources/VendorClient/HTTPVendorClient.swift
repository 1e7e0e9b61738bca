public import AsyncHTTPClient
public import CancelDeskCore
internal import Foundation
public import Logging
internal import NIOHTTP1

/// ``VendorAPI`` over canceldesk's default vendor contract:
///
/// ```
/// POST {baseURL}/subscriptions/{subscription_id}/cancel
/// Authorization: Bearer {apiKey}        (only when a key is set)
/// Idempotency-Key: {order.idempotencyKey}
/// Content-Type: application/json
/// {"reason":"…","request_id":"PR-…","subscription_id":"…"}
/// ```
///
/// The subscription id is percent-encoded as one path segment. The body has sorted keys and no timestamp, so every
/// retry of one order sends the same bytes with the same key. Answers are classified by
/// ``VendorResponseClassifier`` (an answer about another subscription never counts as ours); the call never throws.
/// `settings.totalTimeout` bounds each call, body included, and cancelling the calling task ends it at once. The API
/// key is never logged (logs carry method, path, status and duration only), never appears in a returned message
/// (each is redacted, the key masked even when it was not registered), and is never sent when it holds control
/// characters.
public struct HTTPVendorClient: VendorAPI {
    let settings: HTTPVendorSettings
    let exchange: VendorHTTPExchange
    /// The run's adaptive bound on vendor calls in flight (each call holds a slot while it runs); nil: none.
    let limiter: ConcurrencyLimiter?

    /// - Parameters:
    ///   - http: the client to send with; the caller owns it, shuts it down, and must have created it with redirects
    ///     disallowed (``makeHTTPClient(connectTimeout:readTimeout:)`` does).
    ///   - limiter: the run's vendor ``ConcurrencyLimiter``, shared by every worker.
    public init(settings: HTTPVendorSettings, http: HTTPClient, logger: Logger, limiter: ConcurrencyLimiter? = nil) {
        self.settings = settings
        exchange = VendorHTTPExchange(http: http, totalTimeout: settings.totalTimeout, logger: logger)
        self.limiter = limiter
    }

    /// An HTTP client set up for vendor calls: redirects disallowed (a POST must never turn into a GET on a 302),
    /// explicit connect and read timeouts (AsyncHTTPClient has no read timeout by default), no decompression.
    public static func makeHTTPClient(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(30)
    ) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(
            connect: .nanoseconds(connectTimeout.wholeNanoseconds), read: .nanoseconds(readTimeout.wholeNanoseconds))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The default contract's cancel body; its encoding is byte-identical for one order.
    struct CancelBody: Encodable {
        var reason: String
        var requestID: String
        var subscriptionID: String

        enum CodingKeys: String, CodingKey {
            case reason
            case requestID = "request_id"
            case subscriptionID = "subscription_id"
        }
    }

    /// The exact bytes sent as the cancel body.
    static func cancelBody(for order: VendorCancelOrder) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = CancelBody(reason: order.reason, requestID: order.requestID, subscriptionID: order.subscriptionID)
        // Encoding three strings cannot fail.
        return (try? encoder.encode(body)) ?? Data()
    }

    /// `{baseURL}/subscriptions/{id}` with the id as one percent-encoded segment.
    func subscriptionURL(_ subscriptionID: String) -> String {
        settings.baseURL + "/subscriptions/" + PercentEncoding.component(subscriptionID)
    }

    func headers(idempotencyKey: String?, json: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let key = settings.apiKey?.reveal, !key.isEmpty {
            headers.add(name: "Authorization", value: "Bearer " + key)
        }
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if json { headers.add(name: "Content-Type", value: "application/json") }
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: "canceldesk/\(CancelDeskVersion.current)")
        return headers
    }

    /// The configured key, for masking.
    var apiKey: String? { settings.apiKey?.reveal }

    public func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
        guard !order.subscriptionID.isEmpty else {
            return .permanent(message: "the vendor subscription id is empty; nothing was sent")
        }
        if let problem = VendorRedaction.keyProblem(apiKey) { return .unauthorized(message: problem) }
        let result = await exchange.send(
            method: .POST, url: subscriptionURL(order.subscriptionID) + "/cancel",
            headers: headers(idempotencyKey: order.idempotencyKey, json: true), body: Self.cancelBody(for: order),
            limiter: limiter)
        let outcome =
            switch result {
            case .success(let response):
                VendorResponseClassifier.classify(
                    response, subscriptionID: order.subscriptionID, now: Date().timeIntervalSince1970)
            case .failure(let failure):
                VendorResponseClassifier.outcome(for: failure)
            }
        return outcome.redacted(key: apiKey)
    }

    /// The subscription id the reachability probe asks about; no real subscription has it.
    static let probeID = "canceldesk-reachability-check"

    /// Whether the vendor answers as the contract says, without cancelling anything: `GET
    /// {baseURL}/subscriptions/canceldesk-reachability-check` (a subscription that cannot exist).
    ///
    /// Reachable (nil) when the answer is JSON: a 2xx, a 4xx other than 401, 403 and 404, or a 404 that is about
    /// the subscription (it names the probe id, not as part of an echoed path, or it differs from the vendor's
    /// answer to a route that cannot exist, `GET {baseURL}/canceldesk-no-such-route`). A 404 that looks like the
    /// route's (a base-path typo), any answer that is not JSON, a redirect, 408, 425, 429 and 5xx, 401 and 403 and
    /// no answer are each reported with what happened.
    public func checkReachability() async -> String? {
        if let problem = VendorRedaction.keyProblem(apiKey) { return problem }
        return await probe().map { VendorRedaction.redact($0, key: apiKey) }
    }

    private func probe() async -> String? {
        let url = subscriptionURL(Self.probeID)
        let path = VendorHTTPExchange.pathOnly(url)
        let response: VendorHTTPResponse
        let result = await exchange.send(
            method: .GET, url: url, headers: headers(idempotencyKey: nil, json: false), body: nil, limiter: limiter)
        switch result {
        case .success(let answer): response = answer
        case .failure(let failure): return "vendor unreachable at \(settings.baseURL): \(failure.message)"
        }
        let status = response.status
        let object = VendorResponseClassifier.jsonObject(response.body)
        switch status {
        case 401, 403:
            return "the vendor refused the API key (HTTP \(status))"
        case 408, 425, 429, 500..<600:
            return "vendor answered HTTP \(status) at \(path)"
        case 300..<400:
            return "vendor answered a redirect (HTTP \(status)) at \(path) — check the base URL"
        case 404:
            guard object != nil, await isAboutTheSubscription(response) else {
                return "vendor answered 404 at \(path) — check the base URL"
            }
            return nil
        default:
            guard object != nil else {
                let type = VendorResponseClassifier.mediaType(response.contentType) ?? "non-JSON"
                let body = response.body.isEmpty ? "an empty body" : "a \(type) body"
                return "vendor answered HTTP \(status) with \(body), not JSON, at \(path) — check the base URL"
            }
            return nil
        }
    }

    /// True when a JSON 404 to the probe speaks of the subscription rather than of an unknown route.
    private func isAboutTheSubscription(_ response: VendorHTTPResponse) async -> Bool {
        let text = String(decoding: response.body, as: UTF8.self)
        if text.contains("/" + Self.probeID) { return false } // the route echoed back: "Route GET:/… not found"
        if text.contains(Self.probeID) { return true } // "Subscription canceldesk-reachability-check does not exist"
        let control = await exchange.send(
            method: .GET, url: settings.baseURL + "/canceldesk-no-such-route",
            headers: headers(idempotencyKey: nil, json: false), body: nil, limiter: limiter)
        guard case .success(let other) = control else { return false }
        return other.status != response.status || other.body != response.body
    }
}
