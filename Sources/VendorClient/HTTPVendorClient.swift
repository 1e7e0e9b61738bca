public import AsyncHTTPClient
public import CancelDeskCore
internal import Foundation
public import Logging
internal import NIOHTTP1

/// ``VendorAPI`` over canceldesk's default vendor contract (design.md §5):
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
/// ``VendorResponseClassifier``; the call never throws. `settings.totalTimeout` bounds each call, body included.
/// The API key is never logged: logs carry method, path, status and duration only.
public struct HTTPVendorClient: VendorAPI {
    let settings: HTTPVendorSettings
    let exchange: VendorHTTPExchange

    /// - Parameters:
    ///   - http: the client to send with; the caller owns it, shuts it down, and must have created it with redirects
    ///     disallowed (``makeHTTPClient(connectTimeout:readTimeout:)`` does).
    public init(settings: HTTPVendorSettings, http: HTTPClient, logger: Logger) {
        self.settings = settings
        exchange = VendorHTTPExchange(http: http, totalTimeout: settings.totalTimeout, logger: logger)
    }

    /// An HTTP client set up for vendor calls: redirects disallowed (a POST must never turn into a GET on a 302),
    /// explicit connect and read timeouts (AsyncHTTPClient has no read timeout by default), no decompression.
    public static func makeHTTPClient(connectTimeout: Duration, readTimeout: Duration = .seconds(30)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(
            connect: .nanoseconds(connectTimeout.inNanoseconds), read: .nanoseconds(readTimeout.inNanoseconds))
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

    public func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
        guard !order.subscriptionID.isEmpty else {
            return .permanent(message: "the vendor subscription id is empty; nothing was sent", httpStatus: nil)
        }
        let result = await exchange.send(
            method: .POST, url: subscriptionURL(order.subscriptionID) + "/cancel",
            headers: headers(idempotencyKey: order.idempotencyKey, json: true), body: Self.cancelBody(for: order))
        switch result {
        case .success(let response):
            return VendorResponseClassifier.classify(response, now: Date().timeIntervalSince1970)
        case .failure(let failure):
            return VendorResponseClassifier.outcome(for: failure)
        }
    }

    /// `GET {baseURL}/subscriptions/{id}`: `status` "cancelled" (or "canceled") or "active"; 404 is not found;
    /// another 2xx status text is unknown; any other answer or failure gives nil.
    public func subscriptionState(_ order: VendorCancelOrder) async -> VendorSubscriptionState? {
        guard !order.subscriptionID.isEmpty else { return nil }
        let result = await exchange.send(
            method: .GET, url: subscriptionURL(order.subscriptionID),
            headers: headers(idempotencyKey: nil, json: false),
            body: nil)
        guard case .success(let response) = result else { return nil }
        if response.status == 404 { return .notFound }
        guard (200..<300).contains(response.status),
            let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let status = object["status"] as? String
        else { return nil }
        switch status.lowercased() {
        case "cancelled", "canceled": return .cancelled
        case "active": return .active
        default: return .unknown(status)
        }
    }

    /// A GET of a subscription that cannot exist. Any HTTP answer means reachable (nil) except 401, which says the
    /// vendor refused the key; no answer gives what went wrong.
    public func checkReachability() async -> String? {
        let result = await exchange.send(
            method: .GET, url: subscriptionURL("canceldesk-reachability-check"),
            headers: headers(idempotencyKey: nil, json: false), body: nil)
        switch result {
        case .success(let response) where response.status == 401:
            return "the vendor refused the API key (HTTP 401)"
        case .success:
            return nil
        case .failure(let failure):
            return "vendor unreachable at \(settings.baseURL): \(failure.message)"
        }
    }
}
