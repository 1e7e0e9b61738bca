/// A vendor refusal a queue pass holds aside until it knows the vendor answers honestly (see ``RefusalWatch``).
///
/// The journal holds the request's `vendor_sending` row meanwhile. The saga is a value: settling resumes it with
/// the held answer, exactly as if it had just arrived; leaving it unsettled (a configuration fault, a stop) keeps the
/// row, so the next pass calls the vendor again with the same idempotency key.
struct HeldRefusal: Sendable, Equatable {
    /// The request's saga, waiting for the vendor's answer.
    var saga: CancelSaga
    /// The refusal.
    var outcome: VendorOutcome
    /// Time since the first vendor attempt when it arrived.
    var elapsed: Duration
    /// When the first vendor call started, on the engine's clock.
    var vendorStarted: Duration
    /// Vendor calls made so far.
    var vendorAttempts: Int

    var requestID: String { saga.requestID }

    static func == (lhs: HeldRefusal, rhs: HeldRefusal) -> Bool {
        lhs.requestID == rhs.requestID && lhs.outcome == rhs.outcome && lhs.elapsed == rhs.elapsed
            && lhs.vendorStarted == rhs.vendorStarted && lhs.vendorAttempts == rhs.vendorAttempts
    }
}
