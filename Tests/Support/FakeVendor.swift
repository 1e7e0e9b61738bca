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
    /// When set, every call waits until its task is cancelled, then answers this (an adapter's view of a call cut
    /// short).
    private var hangAnswer: VendorOutcome?
    /// When set, every call without a scripted answer gets this one (e.g. a route 404 for every subscription).
    private var answerAll: VendorOutcome?

    public init() {}

    /// Every call from now on hangs until its task is cancelled, then answers `outcome`.
    public func hangUntilCancelled(answering outcome: VendorOutcome) {
        hangAnswer = outcome
    }

    /// Every call from now on without a scripted answer gets `outcome`.
    public func answerEveryCall(_ outcome: VendorOutcome?) {
        answerAll = outcome
    }

    public func script(_ subscriptionID: String, _ outcomes: [VendorOutcome]) {
        scripted[subscriptionID, default: []] += outcomes
    }

    public func setLoseResponses(_ lose: Bool) {
        loseResponses = lose
    }

    public func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
        calls.append(order)
        if let hangAnswer {
            try? await Task.sleep(for: .seconds(3_600))
            return hangAnswer
        }
        if var outcomes = scripted[order.subscriptionID], !outcomes.isEmpty {
            let outcome = outcomes.removeFirst()
            scripted[order.subscriptionID] = outcomes
            return outcome
        }
        if let answerAll { return answerAll }
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

    public func checkReachability() async -> String? { nil }
}
