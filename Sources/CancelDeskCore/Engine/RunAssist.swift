/// What the queue's workers add to one request's run; the default adds nothing (``CancelEngine/process``).
struct RunAssist: Sendable {
    /// A read of this request made just before, standing in for the saga's own read while fresh.
    var prefetched: PrefetchedRead?
    /// The oldest a `prefetched` read may be when the saga asks for the request.
    var maxReadAge: Duration = .zero
    /// Hand a vendor retry's wait back (``RunEnd/deferred(_:)``) instead of sleeping through it.
    var deferVendorRetries = false
    /// This run resumes a deferred vendor retry.
    var retry: DeferredRetry?
    /// Runs alongside approve or fail (the worker reads its next request meanwhile); both are awaited.
    var alongside: @Sendable () async -> Void = {}
    /// Hand a vendor refusal back (``RunEnd/held(_:)``) instead of settling it, until the pass knows the vendor
    /// answers honestly.
    var holdRefusals = false
    /// Told every vendor answer that is used (not one cut short by a stop).
    var vendorAnswered: @Sendable (VendorOutcome) -> Void = { _ in }

    func alongsideConnectAction() async {
        await alongside()
    }
}

/// How one run of a request ended.
enum RunEnd: Sendable {
    /// Done for this pass.
    case finished(RequestResult)
    /// The vendor asked for a wait before the next attempt; the request is to be run again once it is due.
    case deferred(DeferredRetry)
    /// The vendor refused; the refusal is held until the pass knows whether to settle it.
    case held(HeldRefusal)
}
