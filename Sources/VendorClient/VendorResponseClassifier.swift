internal import CancelDeskCore
internal import Foundation

/// Classifies a vendor's answer to a cancel (design.md §5, reliability.md §3), for the default contract and the
/// HTTP template alike.
///
/// | answer | outcome |
/// |---|---|
/// | 2xx | cancelled |
/// | 409, 422 meaning "already cancelled"; any 410 | cancelled, already |
/// | 409 meaning "in progress" or "key in use" (IETF idempotency-key draft) | transient |
/// | 408, 425, 429, 5xx, timeouts, refused or reset connections | transient, with `Retry-After` |
/// | 401, 403 | unauthorized |
/// | TLS failure | unauthorized (stop the run: never retried, never "failed") |
/// | anything else: other 4xx (404 included), other 409, 3xx, a URL or header that cannot be sent | permanent |
///
/// For a refusal, a JSON body's `message` (else `error`, `detail`, `title`) is the vendor's message, and a body that
/// is not JSON gives a snippet of its first 300 bytes; a cancel's message is the body's `message` only. Messages are
/// kept raw: the engine sanitizes them. A body larger than ``VendorHTTPExchange/maxResponseBytes`` is dropped and
/// the answer is classified by its status alone (so a 2xx is still a cancel, a 5xx still transient, and a 409
/// without a readable body is permanent).
enum VendorResponseClassifier {
    /// The outcome of one HTTP answer; `now` (seconds since 1970) resolves a `Retry-After` date.
    static func classify(_ response: VendorHTTPResponse, now: Double) -> VendorOutcome {
        let status = response.status
        let fields = response.bodyTooLarge ? VendorErrorFields() : VendorErrorFields(body: response.body)
        let vendorText = fields.message ?? fields.code ?? snippet(response)
        let labelled = vendorText.map { "HTTP \(status): \($0)" } ?? "HTTP \(status)"
        switch status {
        case 200..<300:
            // Only an explicit message: a 2xx body is often the subscription itself, not text for an operator.
            return .cancelled(alreadyCancelled: false, message: fields.message ?? "cancelled (HTTP \(status))")
        case 410:
            return .cancelled(
                alreadyCancelled: true, message: fields.message ?? fields.code ?? "already cancelled (HTTP 410)")
        case 409 where fields.meansInProgress:
            return .transient(message: labelled, retryAfter: retryAfter(response, now: now))
        case 409 where fields.meansAlreadyCancelled, 422 where fields.meansAlreadyCancelled:
            return .cancelled(
                alreadyCancelled: true, message: fields.message ?? fields.code ?? "already cancelled (HTTP \(status))")
        case 408, 425, 429, 500..<600:
            return .transient(message: labelled, retryAfter: retryAfter(response, now: now))
        case 401, 403:
            return .unauthorized(message: labelled)
        case 300..<400:
            let target = response.location.map { " to \($0)" } ?? ""
            return .permanent(
                message: "HTTP \(status) redirect\(target) (redirects are not followed)", httpStatus: status)
        default:
            // A clear refusal: a 4xx about this subscription with the vendor's own JSON message. A 404 may be a wrong
            // route or id mapping, and a body that is not JSON is a proxy's page: those go to a person.
            let clear = (400..<500).contains(status) && status != 404 && fields.message != nil
            return .permanent(
                message: vendorText ?? "HTTP \(status) without a message", httpStatus: status, clearRefusal: clear)
        }
    }

    /// The outcome of a call that got no answer.
    static func outcome(for failure: VendorTransportFailure) -> VendorOutcome {
        switch failure.kind {
        case .transient: .transient(message: failure.message, retryAfter: nil)
        case .configuration: .permanent(message: failure.message, httpStatus: nil)
        case .security: .unauthorized(message: failure.message)
        }
    }

    static func retryAfter(_ response: VendorHTTPResponse, now: Double) -> Duration? {
        response.retryAfter.flatMap { RetryAfter.parse($0, now: now) }
    }

    /// What an operator can read of a body that is not a JSON error: its first 300 bytes.
    static func snippet(_ response: VendorHTTPResponse) -> String? {
        if response.bodyTooLarge {
            return "response larger than \(VendorHTTPExchange.maxResponseBytes / 1_048_576) MiB (dropped)"
        }
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        return response.body.count > 300 ? text + "…" : text
    }
}
