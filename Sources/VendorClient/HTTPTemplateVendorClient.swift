public import AsyncHTTPClient
public import CancelDeskCore
internal import Foundation
public import Logging
internal import NIOHTTP1

/// ``VendorAPI`` for a vendor whose cancel call is described by an ``HTTPTemplateSettings``: method, URL, headers
/// and body with placeholders (`{request_id}`, `{subscription_id}`, `{asset_id}`, `{product_id}`, `{customer_id}`,
/// `{idempotency_key}`, `{reason}`, `{param:ID}`, and `{vendor_api_key}` in header values only).
///
/// Values are percent-encoded in the URL (every byte but the RFC 3986 unreserved ones), JSON-string-escaped in the
/// body (the template writes the quotes; percent-encoded instead when the template's `Content-Type` is
/// `application/x-www-form-urlencoded`), and stripped of control characters in headers. Placeholders may only
/// appear after the URL's host, so order data can never choose where the API key is sent. `User-Agent` and, with
/// a body, `Content-Type: application/json` are added unless the template sets them; an `Idempotency-Key` is sent
/// only when the template has one (`"Idempotency-Key": "{idempotency_key}"`). Answers are classified as for the
/// default contract (``VendorResponseClassifier``), the subscription check included; every returned message is
/// redacted (the key is masked). A key with control characters is never sent.
public struct HTTPTemplateVendorClient: VendorAPI {
    let settings: HTTPTemplateSettings
    let exchange: VendorHTTPExchange
    let url: VendorTemplate
    let headers: [(name: String, value: VendorTemplate)]
    let body: VendorTemplate?
    /// ``validate(_:)``'s findings; a template with problems is never sent.
    let problems: [String]
    /// The run's adaptive bound on vendor calls in flight (each call holds a slot while it runs); nil: none.
    let limiter: ConcurrencyLimiter?

    /// - Parameters:
    ///   - http: the client to send with; the caller owns it and must have created it with redirects disallowed.
    ///   - limiter: the run's vendor ``ConcurrencyLimiter``, shared by every worker.
    public init(
        settings: HTTPTemplateSettings, http: HTTPClient, logger: Logger, limiter: ConcurrencyLimiter? = nil
    ) {
        self.settings = settings
        self.limiter = limiter
        exchange = VendorHTTPExchange(http: http, totalTimeout: settings.totalTimeout, logger: logger)
        url = VendorTemplate(settings.url)
        headers = settings.headers.sorted { $0.key.lowercased() < $1.key.lowercased() }
            .map { (name: $0.key, value: VendorTemplate($0.value)) }
        body = settings.body.map(VendorTemplate.init)
        problems = Self.validate(settings)
    }

    /// Methods a template may use.
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    /// What is wrong with `settings`, one message per problem; empty when the template can be used. Checks: the
    /// method, the URL (http or https, a host, no user info, no placeholder before the path), unknown placeholders,
    /// `{vendor_api_key}` outside header values or without a key, header names, and a JSON body that cannot parse.
    public static func validate(_ settings: HTTPTemplateSettings) -> [String] {
        var problems: [String] = []
        if !methods.contains(settings.method.uppercased()) {
            problems.append("method \"\(settings.method)\" is not one of \(methods.joined(separator: ", "))")
        }
        let url = VendorTemplate(settings.url)
        if let problem = VendorHTTPExchange.urlProblem(Self.sample(url)) {
            problems.append(problem.replacingOccurrences(of: "the vendor URL", with: "the template URL"))
        } else if !url.placeholders.isEmpty, !Self.prefixHasPath(url.literalPrefix) {
            problems.append("the template URL may hold placeholders only in its path and query, after the host")
        }
        var templates: [(part: String, template: VendorTemplate, isHeader: Bool)] = [("URL", url, false)]
        for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) {
            if !TemplateEncoding.isHeaderName(name) { problems.append("header name \"\(name)\" is not valid") }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                problems.append("header \(name) holds control characters")
            }
            templates.append(("header \(name)", VendorTemplate(value), true))
        }
        if let body = settings.body { templates.append(("body", VendorTemplate(body), false)) }
        for (part, template, isHeader) in templates {
            for placeholder in template.placeholders {
                switch placeholder {
                case .unknown(let text):
                    problems.append(
                        "unknown placeholder \(text) in the \(part) (known: "
                            + VendorTemplate.knownPlaceholders.joined(separator: " ") + ")")
                case .vendorAPIKey where !isHeader:
                    problems.append("{vendor_api_key} may appear in header values only, not in the \(part)")
                case .vendorAPIKey where settings.apiKey == nil:
                    problems.append("the \(part) uses {vendor_api_key} but no vendor API key is set")
                default:
                    break
                }
            }
        }
        if let problem = VendorRedaction.keyProblem(settings.apiKey?.reveal) { problems.append(problem) }
        if let body = settings.body, Self.contentType(settings).lowercased().contains("json") {
            let sample = Data(Self.sample(VendorTemplate(body)).utf8)
            if (try? JSONSerialization.jsonObject(with: sample, options: [.fragmentsAllowed])) == nil {
                problems.append("the body is not valid JSON (placeholders replaced by 0)")
            }
        }
        return problems
    }

    /// The template with every placeholder replaced by `0`, which fits both inside a JSON string and outside.
    private static func sample(_ template: VendorTemplate) -> String {
        (try? template.render(encode: { $0 }, value: { _ throws(VendorTemplate.MissingValue) in "0" })) ?? ""
    }

    /// True when `prefix` reaches past `scheme://host` into the path, query or fragment.
    private static func prefixHasPath(_ prefix: String) -> Bool {
        guard let schemeEnd = prefix.range(of: "://") else { return false }
        return prefix[schemeEnd.upperBound...].contains { $0 == "/" || $0 == "?" || $0 == "#" }
    }

    /// The content type the call is sent with: the template's, else JSON.
    private static func contentType(_ settings: HTTPTemplateSettings) -> String {
        settings.headers.first { $0.key.lowercased() == "content-type" }?.value ?? "application/json"
    }

    /// The request for `order`: URL, headers and body. Throws when a placeholder has no value.
    func request(for order: VendorCancelOrder) throws(VendorTemplate.MissingValue)
        -> (url: String, headers: HTTPHeaders, body: Data?)
    {
        let apiKey = settings.apiKey
        let renderedURL = try url.render(encode: PercentEncoding.component) {
            placeholder throws(VendorTemplate.MissingValue) in
            try placeholder.value(for: order, apiKey: apiKey)
        }
        var httpHeaders = HTTPHeaders()
        for (name, value) in headers {
            let rendered = try value.render(encode: TemplateEncoding.headerValue) {
                placeholder throws(VendorTemplate.MissingValue) in
                try placeholder.value(for: order, apiKey: apiKey)
            }
            httpHeaders.add(name: name, value: rendered)
        }
        if !httpHeaders.contains(name: "User-Agent") {
            httpHeaders.add(name: "User-Agent", value: "canceldesk/\(CancelDeskVersion.current)")
        }
        var renderedBody: Data?
        if let body {
            let form = Self.contentType(settings).lowercased().contains("x-www-form-urlencoded")
            let encode: (String) -> String =
                if form { { PercentEncoding.component($0) } } else { { TemplateEncoding.jsonString($0) } }
            let text = try body.render(encode: encode) {
                placeholder throws(VendorTemplate.MissingValue) in
                try placeholder.value(for: order, apiKey: apiKey)
            }
            renderedBody = Data(text.utf8)
            if !httpHeaders.contains(name: "Content-Type") {
                httpHeaders.add(name: "Content-Type", value: "application/json")
            }
        }
        return (renderedURL, httpHeaders, renderedBody)
    }

    public func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
        let apiKey = settings.apiKey?.reveal
        if let problem = VendorRedaction.keyProblem(apiKey) { return .unauthorized(message: problem) }
        return await send(order).redacted(key: apiKey)
    }

    private func send(_ order: VendorCancelOrder) async -> VendorOutcome {
        guard problems.isEmpty else {
            return .permanent(
                message: "the vendor HTTP template is invalid: " + problems.joined(separator: "; "))
        }
        let prepared: (url: String, headers: HTTPHeaders, body: Data?)
        do {
            prepared = try request(for: order)
        } catch {
            return .permanent(message: error.message + "; nothing was sent")
        }
        let result = await exchange.send(
            method: HTTPMethod(rawValue: settings.method.uppercased()), url: prepared.url, headers: prepared.headers,
            body: prepared.body, limiter: limiter)
        switch result {
        case .success(let response):
            return VendorResponseClassifier.classify(
                response, subscriptionID: order.subscriptionID, now: Date().timeIntervalSince1970)
        case .failure(let failure):
            return VendorResponseClassifier.outcome(for: failure)
        }
    }

    /// A GET of the URL's scheme and host (`https://vendor.example/`): any HTTP answer means reachable.
    public func checkReachability() async -> String? {
        let apiKey = settings.apiKey?.reveal
        if let problem = VendorRedaction.keyProblem(apiKey) { return problem }
        return await probe().map { VendorRedaction.redact($0, key: apiKey) }
    }

    private func probe() async -> String? {
        if let problem = problems.first { return "the vendor HTTP template is invalid: \(problem)" }
        guard let components = URLComponents(string: Self.sample(url)), let scheme = components.scheme,
            let host = components.host
        else { return "the vendor HTTP template URL is not valid" }
        let port = components.port.map { ":\($0)" } ?? ""
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: "canceldesk/\(CancelDeskVersion.current)")
        let root = "\(scheme)://\(host)\(port)/"
        switch await exchange.send(method: .GET, url: root, headers: headers, body: nil, limiter: limiter) {
        case .success: return nil
        case .failure(let failure): return "vendor unreachable at \(root): \(failure.message)"
        }
    }
}
