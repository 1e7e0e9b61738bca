/// What the engine reports while it works; front ends render these (lines, JSON, screen state).
public enum EngineEvent: Sendable, Equatable {
    /// The queue was listed: the snapshot everything else works from.
    case snapshot(count: Int, skipped: [SkippedRecord], reportedTotal: Int)
    /// Half-done requests from an earlier run are being finished first.
    case recovering(count: Int)
    /// Work on a request began.
    case started(requestID: String, decision: Decision)
    /// A journal step was recorded for a request.
    case recorded(requestID: String, state: DecisionState)
    /// A transient vendor failure; the same call is retried after `wait`.
    case vendorRetry(requestID: String, attempt: Int, wait: Duration)
    /// A request is finished for this run.
    case finished(RequestResult)
    /// A stop was asked for: nothing new is started; in-flight requests finish.
    case stopping(reason: String)
    /// A work list ended with these requests never started (a stop, the circuit breaker, a fault that makes
    /// going on pointless): nothing was done to them and no ``finished(_:)`` follows for them in this run.
    case notStarted(requestIDs: [String], reason: String)
}

/// Named points in the saga where tests kill the process (`CANCELDESK_CRASH_AT`), to prove recovery.
public enum CrashPoint: String, Sendable, CaseIterable {
    /// The intent is recorded; the vendor was not called yet.
    case afterIntent = "after_intent"
    /// The vendor cancelled; its outcome is not recorded yet.
    case afterVendor = "after_vendor"
    /// The vendor outcome is recorded; Connect was not called yet.
    case afterVendorRecorded = "after_vendor_recorded"
    /// Connect approved or failed; the outcome is not recorded yet.
    case afterConnect = "after_connect"
}
