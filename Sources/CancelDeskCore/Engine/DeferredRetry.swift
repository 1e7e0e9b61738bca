/// A vendor retry put aside so that its wait does not hold a concurrency slot.
///
/// The journal holds the request's `vendor_sending` row meanwhile; running it again goes through recovery: the
/// request is re-read (so the retry acts on fresh data, unlike a retry slept through in place) and the vendor is
/// called with the same idempotency key.
struct DeferredRetry: Sendable, Equatable {
    var requestID: String
    var decision: Decision
    /// Vendor calls made so far (each but the first was a retry); counts against the retry policy.
    var attempts: Int
    /// When the first vendor call started (the retry deadline runs from it), on the engine's clock.
    var firstAttempt: Duration
    /// When the next attempt may start, on the engine's clock.
    var due: Duration
}
