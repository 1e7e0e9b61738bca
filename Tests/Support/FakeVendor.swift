public import CancelDeskCore

/// A fake vendor with idempotency: each key's first real answer is replayed; each subscription is cancelled once.
public actor FakeVendor: VendorAPI {
    /// Answers for the next calls of a subscription, before the real behaviour (transient errors, refusals).
    private var scripted: [String: [VendorOutcome]] = [:]
    public private(set) var calls: [VendorCancelOrder] = []
    /// How many times each subscription was actually cancelled (must never exceed 1).
    public private(set) var applied: [String: Int] = [:]
    private var answered: [String: VendorOutcome] = [:]
    /// When true, the cancel is applied and then a transient error is returned (a lost response).
    private var loseResponses = false

    public init() {}

    public func script(_ subscriptionID: String, _ outcomes: [VendorOutcome]) {
        scripted[subscriptionID, default: []] += outcomes
    }

    public func setLoseResponses(_ lose: Bool) {
        loseResponses = lose
    }

    public func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
        calls.append(order)
        if var outcomes = scripted[order.subscriptionID], !outcomes.isEmpty {
            let outcome = outcomes.removeFirst()
            scripted[order.subscriptionID] = outcomes
            return outcome
        }
        if let replay = answered[order.idempotencyKey] { return replay }
        let outcome: VendorOutcome
        if applied[order.subscriptionID, default: 0] > 0 {
            outcome = .cancelled(alreadyCancelled: true, message: "already cancelled")
        } else {
            applied[order.subscriptionID, default: 0] += 1
            outcome = .cancelled(alreadyCancelled: false, message: "cancelled")
        }
        answered[order.idempotencyKey] = outcome
        if loseResponses { return .transient(message: "connection reset", retryAfter: nil) }
        return outcome
    }

    public func subscriptionState(_ order: VendorCancelOrder) async -> VendorSubscriptionState? {
        applied[order.subscriptionID, default: 0] > 0 ? .cancelled : .active
    }

    public func checkReachability() async -> String? { nil }
}
