/// Body of the default vendor contract's `POST {VENDOR_API_URL}/subscriptions/{id}/cancel`.
public struct WireVendorCancelBody: Codable, Sendable, Equatable {
    public var requestID: String
    public var subscriptionID: String
    public var reason: String?

    public init(requestID: String, subscriptionID: String, reason: String? = nil) {
        self.requestID = requestID
        self.subscriptionID = subscriptionID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case requestID = "request_id"
        case subscriptionID = "subscription_id"
    }
}

/// A vendor subscription's state (`GET {VENDOR_API_URL}/subscriptions/{id}`) and the body of cancel responses.
public struct WireVendorSubscription: Codable, Sendable, Equatable {
    public var id: String
    public var status: String
    public var cancelledAt: String?
    public var cancelledByRequest: String?
    public var message: String?

    public init(
        id: String, status: String, cancelledAt: String? = nil, cancelledByRequest: String? = nil,
        message: String? = nil
    ) {
        self.id = id
        self.status = status
        self.cancelledAt = cancelledAt
        self.cancelledByRequest = cancelledByRequest
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case id, status, message
        case cancelledAt = "cancelled_at"
        case cancelledByRequest = "cancelled_by_request"
    }
}

/// The vendor's error body: `{"error": "already_cancelled", "message": "…"}`.
public struct WireVendorError: Codable, Sendable, Equatable {
    public var error: String
    public var message: String?

    public init(error: String, message: String? = nil) {
        self.error = error
        self.message = message
    }
}
