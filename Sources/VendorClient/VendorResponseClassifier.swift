internal import CancelDeskCore
internal import Foundation

/// Classifies a vendor's answer to a cancel, for the default contract and the HTTP template alike.
///
/// | answer | outcome |
/// |---|---|
/// | a cancel or clear refusal naming another subscription (``SubscriptionIdentity``) | permanent, for a person |
/// | 2xx | cancelled |
/// | any other status with a `Retry-After` header | transient, with the wait |
/// | 409, 422 meaning "already cancelled"; any 410 | cancelled, already |
/// | 409 meaning "in progress" or "key in use" (IETF idempotency-key draft) | transient |
/// | 408, 423, 425, 429, 5xx, timeouts, refused or reset connections | transient |
/// | 401, 403 | unauthorized |
/// | TLS failure | unauthorized (stop the run: never retried, never "failed") |
/// | anything else: other 4xx (404 included), other 409, 3xx, a URL or header that cannot be sent | permanent |
///
/// A JSON body's `message` (else `error`, `detail`, `title`) is the vendor's message. A body that is not a JSON object
/// (a proxy's HTML page) is never quoted: the message is a note like `HTTP 431 (text/html body, 1234 bytes)`. A refusal
/// is a clear refusal (one that may reach the customer) only for a 4xx other than 404 with a JSON message. Messages
/// are not redacted here (the adapters do it) nor sanitized (the engine does). A body larger than
/// ``VendorHTTPExchange/maxResponseBytes`` is dropped and the answer is classified by its status alone.
enum VendorResponseClassifier {
    /// The outcome of one HTTP answer to a cancel of `subscriptionID`; `now` (seconds since 1970) resolves a
    /// `Retry-After` date.
    static func classify(_ response: VendorHTTPResponse, subscriptionID: String, now: Double) -> VendorOutcome {
        let object = response.bodyTooLarge ? nil : jsonObject(response.body)
        let fields = object.map(VendorErrorFields.init(object:)) ?? VendorErrorFields()
        let outcome = classify(response, fields: fields, now: now)
        // Only what would count as our cancel, or reach the customer, is checked against our subscription.
        switch outcome {
        case .cancelled, .permanent(_, true, _): break
        default: return outcome
        }
        let bodyText = object == nil && !response.bodyTooLarge ? textOf(response) : nil
        let text = [fields.message, fields.code, bodyText].compactMap(\.self).joined(separator: " ")
        guard let other = SubscriptionIdentity.otherSubscription(object: object, text: text, ours: subscriptionID)
        else { return outcome }
        let vendorText = fields.message ?? fields.code ?? note(response) ?? "HTTP \(response.status)"
        return .permanent(
            message: "the vendor's answer is about subscription \(other), not \(subscriptionID): \(vendorText)",
            answer: "HTTP \(response.status)")
    }

    /// The outcome by status, headers and the body's fields, before the subscription check.
    private static func classify(_ response: VendorHTTPResponse, fields: VendorErrorFields, now: Double)
        -> VendorOutcome
    {
        let status = response.status
        let jsonText = fields.message ?? fields.code
        let vendorText = jsonText ?? note(response)
        let labelled = jsonText.map { "HTTP \(status): \($0)" } ?? note(response) ?? "HTTP \(status)"
        if (200..<300).contains(status) {
            // Only an explicit message: a 2xx body is often the subscription itself, not text for an operator.
            return .cancelled(alreadyCancelled: false, message: fields.message ?? "cancelled (HTTP \(status))")
        }
        if response.retryAfter != nil {
            return .transient(message: labelled, retryAfter: retryAfter(response, now: now))
        }
        switch status {
        case 410:
            return .cancelled(alreadyCancelled: true, message: jsonText ?? "already cancelled (HTTP 410)")
        case 409 where fields.meansInProgress:
            return .transient(message: labelled, retryAfter: nil)
        case 409 where fields.meansAlreadyCancelled, 422 where fields.meansAlreadyCancelled:
            return .cancelled(alreadyCancelled: true, message: jsonText ?? "already cancelled (HTTP \(status))")
        case 408, 423, 425, 429, 500..<600:
            return .transient(message: labelled, retryAfter: nil)
        case 401, 403:
            return .unauthorized(message: labelled)
        case 300..<400:
            let target = response.location.map { " to \($0)" } ?? ""
            return .permanent(
                message: "HTTP \(status) redirect\(target) (redirects are not followed)", answer: "HTTP \(status)")
        default:
            // A clear refusal: a 4xx about this subscription with the vendor's own JSON message. A 404 may be a wrong
            // route or id mapping, and a body that is not JSON is a proxy's page: those go to a person.
            let clear = (400..<500).contains(status) && status != 404 && fields.message != nil
            return .permanent(
                message: vendorText ?? "HTTP \(status) without a message", clearRefusal: clear,
                answer: "HTTP \(status)")
        }
    }

    /// The outcome of a call that got no answer.
    static func outcome(for failure: VendorTransportFailure) -> VendorOutcome {
        switch failure.kind {
        case .transient: .transient(message: failure.message, retryAfter: nil)
        case .configuration: .permanent(message: failure.message)
        case .security: .unauthorized(message: failure.message)
        }
    }

    static func retryAfter(_ response: VendorHTTPResponse, now: Double) -> Duration? {
        response.retryAfter.flatMap { RetryAfter.parse($0, now: now) }
    }

    /// The body as a JSON object, or nil.
    static func jsonObject(_ body: Data) -> [String: Any]? {
        guard !body.isEmpty else { return nil }
        return try? JSONSerialization.jsonObject(with: body) as? [String: Any]
    }

    /// The first 4 KiB of a body as text, for the subscription check only (never shown).
    private static func textOf(_ response: VendorHTTPResponse) -> String? {
        response.body.isEmpty ? nil : String(decoding: response.body.prefix(4096), as: UTF8.self)
    }

    /// What an operator reads about a body that is not a JSON object: never the body itself (a proxy's HTML page is
    /// no message), only its status, type and size: `HTTP 431 (text/html body, 1234 bytes)`. Nil for an empty body
    /// or a JSON object.
    static func note(_ response: VendorHTTPResponse) -> String? {
        if response.bodyTooLarge {
            return "response larger than \(VendorHTTPExchange.maxResponseBytes / 1_048_576) MiB (dropped)"
        }
        guard !response.body.isEmpty, jsonObject(response.body) == nil else { return nil }
        return "HTTP \(response.status) (\(mediaType(response.contentType) ?? "non-JSON") body, "
            + "\(response.body.count) bytes)"
    }

    /// The media type of a `Content-Type` value (`text/html; charset=utf-8` → `text/html`) when it is a plain token.
    static func mediaType(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let type = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = type.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/.+-_".contains($0)) }
        guard !type.isEmpty, type.count <= 60, allowed, type.contains("/") else { return nil }
        return type
    }
}
