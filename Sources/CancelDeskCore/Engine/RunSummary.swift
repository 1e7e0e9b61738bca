/// The counts of one `--auto` pass, and what the executable needs to choose its exit status.
public struct RunSummary: Sendable, Equatable {
    public var approved = 0
    public var rejected = 0
    public var skipped = 0
    /// Requests this pass left for review (new ones).
    public var needsReview = 0
    /// Requests earlier runs left for review that this pass found still waiting (not counted in ``needsReview``);
    /// across `--watch` passes, the last pass's number.
    public var awaitingReview = 0
    public var failed = 0
    public var durationMs = 0
    /// Connect or the vendor refused canceldesk's credentials.
    public var unauthorized = false
    /// Connect or the vendor stayed unavailable for some request (or for the listing).
    public var unavailable = false
    /// Requests that stopped because the journal could not be written.
    public var journalFailures = 0
    /// The upstream whose outage opened the circuit breaker and ended the pass early (the rest stays pending).
    public var circuitOpenedBy: ServiceError.Service?
    /// Why the pass ended early or could not work its queue, in words (already sanitized and redacted): the
    /// listing's error (`listing failed: …`), or that the pass was stopped. Nil when the pass ran its course.
    public var stopReason: String?
    /// The pass was cancelled (a stop's grace period ran out): what was left is resumed by the next run.
    public var stopped = false
    /// A configuration fault the pass found instead of settling requests, e.g. `every vendor call was refused
    /// alike (HTTP 404: Not Found): check the vendor configuration`. Exit code 78.
    public var configurationFault: String?

    public init() {}

    /// Adds one request's result.
    public mutating func add(_ result: RequestResult) {
        switch result.kind {
        case .approved: approved += 1
        case .rejected: rejected += 1
        case .skipped: skipped += 1
        case .needsReview where result.awaitingReview: awaitingReview += 1
        case .needsReview: needsReview += 1
        case .failed: failed += 1
        }
        switch result.cause {
        case .unauthorized: unauthorized = true
        case .unavailable: unavailable = true
        case .journal: journalFailures += 1
        case .stopped: stopped = true
        case .configuration, .notFound, .alreadyDecided, .other, .none: break
        }
    }

    /// Adds another pass (for `--watch`).
    public mutating func add(_ other: RunSummary) {
        approved += other.approved
        rejected += other.rejected
        skipped += other.skipped
        needsReview += other.needsReview
        awaitingReview = other.awaitingReview
        failed += other.failed
        durationMs += other.durationMs
        unauthorized = unauthorized || other.unauthorized
        unavailable = unavailable || other.unavailable
        journalFailures += other.journalFailures
        circuitOpenedBy = other.circuitOpenedBy ?? circuitOpenedBy
        stopReason = other.stopReason ?? stopReason
        stopped = stopped || other.stopped
        configurationFault = other.configurationFault ?? configurationFault
    }
}
