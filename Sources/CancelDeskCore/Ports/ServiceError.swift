/// An error from a remote service (Connect or the vendor), classified for the engine.
///
/// Adapters turn status codes, envelopes and transport failures into one of these; the core decides on
/// ``Kind`` and never on a status code. ``retryable`` says whether the same call may simply be made again.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which remote service.
    public enum Service: String, Sendable, Equatable {
        case connect, vendor
    }

    /// What went wrong, as far as the caller's next step is concerned.
    public enum Kind: String, Sendable, Equatable {
        /// Network error, timeout, 5xx, 408: try again later.
        case transient
        /// 429: try again after ``ServiceError/retryAfter``.
        case rateLimited
        /// 401: the credentials were refused.
        case unauthorized
        /// 403: the credentials lack a permission.
        case forbidden
        /// 404: the object does not exist (or is not visible).
        case notFound
        /// Another 4xx: the service refused the call as it was made.
        case rejected
        /// The response could not be understood (bad JSON, too large, wrong shape).
        case malformedResponse
        /// canceldesk refused to make the call (read-only mode, invalid identifier).
        case refused
    }

    public var service: Service
    public var kind: Kind
    /// Connect's `error_code` (e.g. `AUTH_001`), when the response had one.
    public var code: String?
    /// The service's messages, as sent (sanitize before showing them).
    public var messages: [String]
    /// The HTTP status, for diagnostics only.
    public var httpStatus: Int?
    /// How long the service asked us to wait, when it said.
    public var retryAfter: Duration?

    public init(
        service: Service, kind: Kind, code: String? = nil, messages: [String] = [], httpStatus: Int? = nil,
        retryAfter: Duration? = nil
    ) {
        self.service = service
        self.kind = kind
        self.code = code
        self.messages = messages
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    /// True when making the same call again later may succeed.
    public var retryable: Bool { kind == .transient || kind == .rateLimited }

    public var description: String {
        var text = "\(service) \(kind.rawValue)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if let code { text += " \(code)" }
        if !messages.isEmpty { text += ": " + messages.joined(separator: "; ") }
        return text
    }
}
