/// How processing one request ended.
public struct RequestResult: Sendable, Equatable {
    /// The summary bucket of the run summary.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case approved, rejected, skipped
        case needsReview = "needs_review"
        case failed
    }

    /// Why a request failed or was left alone, when it matters to the caller (the executable's exit status).
    public enum Cause: Sendable, Equatable {
        /// A service stayed unavailable past the retries; the journal lets the next run resume.
        case unavailable(ServiceError.Service)
        /// A service refused canceldesk's credentials.
        case unauthorized(ServiceError.Service)
        /// The journal could not be written; nothing remote was done after that.
        case journal
        /// The pass was cancelled (a stop's grace period ran out) before or during a remote step; the journal is
        /// left as it was, so the next run resumes the request.
        case stopped
        /// Every call to the service in the pass was refused alike: its configuration (base URL, route, key) is
        /// wrong, not the request. Nothing was settled; the next pass tries again with the same idempotency key.
        case configuration(ServiceError.Service)
        /// The service does not know the request (Connect's 404 on reading it): nothing was done.
        case notFound(ServiceError.Service)
        /// The request was decided already (Connect no longer shows it pending, or the journal has its final
        /// row): nothing was done.
        case alreadyDecided
        /// Anything else.
        case other
    }

    public var requestID: String
    public var kind: Kind
    /// What happened, in words an operator reads (already sanitized).
    public var detail: String
    public var cause: Cause?
    /// The vendor subscription id, when known.
    public var subscriptionID: String
    /// Why a person must look, when ``kind`` is ``Kind/needsReview``.
    public var reviewCause: ReviewCause?
    /// True when the request was left for review by an earlier run and still waits: not a new one (not counted
    /// in ``RunSummary/needsReview``, no exit code 1).
    public var awaitingReview = false

    public init(requestID: String, kind: Kind, detail: String, cause: Cause? = nil, subscriptionID: String = "") {
        self.requestID = requestID
        self.kind = kind
        self.detail = detail
        self.cause = cause
        self.subscriptionID = subscriptionID
    }
}

/// What the operator or `--auto` decided for a request.
public enum Decision: Sendable, Equatable {
    /// Cancel at the vendor, then approve in Connect.
    case approve
    /// Fail the request in Connect with this reason; no vendor call.
    case reject(reason: String)
}
