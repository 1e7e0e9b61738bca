import ConnectWire

/// A vendor API answer: a subscription (200) or an error body with its status.
enum VendorAnswer: Sendable, Equatable {
    case subscription(WireVendorSubscription)
    case error(status: Int, WireVendorError, retryAfter: String? = nil)

    var status: Int {
        switch self {
        case .subscription: 200
        case .error(let status, _, _): status
        }
    }
}

/// The vendor side's state: subscriptions, their seeded behaviour, and the Idempotency-Key store.
actor VendorStore {
    private struct Subscription {
        var cancelled: Bool
        var cancelledAt: Int64?
        var cancelledByRequest: String?
        var behavior: VendorBehavior
        var transientLeft: Int
        /// New keys that were told "cancelled" (200) or "already cancelled" (409); more than one is a client bug.
        var acknowledgedKeys = 0
    }

    private struct Fingerprint: Equatable {
        let subscriptionID: String
        let body: WireVendorCancelBody
    }

    private var subscriptions: [String: Subscription] = [:]
    private var replies: [String: (fingerprint: Fingerprint, answer: VendorAnswer)] = [:]
    private(set) var cancelsApplied = 0
    private(set) var duplicatesAbsorbed = 0
    private(set) var alreadyCancelled = 0
    /// Seeded transient 503s sent (counted as injected faults).
    private(set) var transientFaults = 0

    init(seeds: [VendorSeed]) {
        subscriptions.reserveCapacity(seeds.count)
        for seed in seeds {
            var transient = 0
            if case .transient(let failures) = seed.behavior { transient = failures }
            subscriptions[seed.subscriptionID] = Subscription(
                cancelled: seed.cancelled, cancelledAt: seed.cancelledAt, cancelledByRequest: seed.cancelledByRequest,
                behavior: seed.behavior, transientLeft: transient
            )
        }
    }

    /// `POST /subscriptions/{id}/cancel` with its `Idempotency-Key`.
    func cancel(subscriptionID: String, key: String, body: WireVendorCancelBody) -> VendorAnswer {
        let fingerprint = Fingerprint(subscriptionID: subscriptionID, body: body)
        if let stored = replies[key] {
            guard stored.fingerprint == fingerprint else {
                return .error(
                    status: 422,
                    WireVendorError(
                        error: "idempotency_key_reused",
                        message: "Idempotency-Key \(key) was already used with a different request"
                    ))
            }
            duplicatesAbsorbed += 1
            return stored.answer
        }
        guard var subscription = subscriptions[subscriptionID] else {
            return remember(
                key, fingerprint,
                .error(
                    status: 404,
                    WireVendorError(
                        error: "not_found", message: "Subscription \(subscriptionID) does not exist"
                    )))
        }
        if subscription.transientLeft > 0 {
            subscription.transientLeft -= 1
            subscriptions[subscriptionID] = subscription
            transientFaults += 1
            return .error(
                status: 503,
                WireVendorError(
                    error: "unavailable", message: "The subscription service is temporarily unavailable"
                ), retryAfter: "1")
        }
        if case .permanent(let status, let error, let message) = subscription.behavior {
            return remember(key, fingerprint, .error(status: status, WireVendorError(error: error, message: message)))
        }
        subscription.acknowledgedKeys += 1
        if subscription.cancelled {
            subscriptions[subscriptionID] = subscription
            alreadyCancelled += 1
            return remember(
                key, fingerprint,
                .error(
                    status: 409,
                    WireVendorError(
                        error: "already_cancelled", message: "Subscription \(subscriptionID) is already cancelled"
                    )))
        }
        subscription.cancelled = true
        subscription.cancelledAt = ISOTime.now()
        subscription.cancelledByRequest = body.requestID
        subscriptions[subscriptionID] = subscription
        cancelsApplied += 1
        return remember(key, fingerprint, .subscription(Self.wire(subscriptionID, subscription)))
    }

    /// `GET /subscriptions/{id}`.
    func subscription(_ id: String) -> VendorAnswer {
        guard let subscription = subscriptions[id] else {
            let error = WireVendorError(error: "not_found", message: "Subscription \(id) does not exist")
            return .error(status: 404, error)
        }
        return .subscription(Self.wire(id, subscription))
    }

    /// Subscriptions told "cancelled" under more than one Idempotency-Key.
    func cancelledTwice() -> [String] {
        subscriptions.filter { $0.value.acknowledgedKeys > 1 }.map(\.key).sorted()
    }

    private func remember(_ key: String, _ fingerprint: Fingerprint, _ answer: VendorAnswer) -> VendorAnswer {
        replies[key] = (fingerprint, answer)
        return answer
    }

    private static func wire(_ id: String, _ subscription: Subscription) -> WireVendorSubscription {
        WireVendorSubscription(
            id: id, status: subscription.cancelled ? "cancelled" : "active",
            cancelledAt: subscription.cancelledAt.map(ISOTime.format),
            cancelledByRequest: subscription.cancelledByRequest
        )
    }
}
