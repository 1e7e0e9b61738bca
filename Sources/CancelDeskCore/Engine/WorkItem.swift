/// One entry of a work list for ``CancelEngine/run(_:options:shouldStop:)``: a request, what was decided for it,
/// and the vendor subscription id the decision was built on.
public struct WorkItem: Sendable, Equatable {
    /// The Connect request id (`PR-…`).
    public var requestID: String
    /// Approve (vendor cancel, then approve) or reject with a reason.
    public var decision: Decision
    /// The vendor subscription id the operator or the listing saw. When Connect's re-read shows another one,
    /// nothing remote is done and the request needs review. Nil: not checked against anything seen before.
    public var expectedSubscriptionID: String?

    public init(requestID: String, decision: Decision, expectedSubscriptionID: String? = nil) {
        self.requestID = requestID
        self.decision = decision
        self.expectedSubscriptionID = expectedSubscriptionID
    }
}
