/// Request types the sandbox seeds.
enum RequestType: String, Sendable, CaseIterable {
    case purchase, change, cancel
}

/// Request statuses (Connect's enum; the sandbox uses the first six).
enum RequestStatus: String, Sendable, CaseIterable {
    case draft
    case tiersSetup = "tiers_setup"
    case pending, inquiring, approved, failed
    case scheduled, revoking, revoked

    /// Approve and fail are allowed only from these.
    var isOpen: Bool { self == .pending || self == .inquiring }
}

/// Asset (subscription) statuses.
enum AssetStatus: String, Sendable {
    case draft, processing, active, terminating, suspended, terminated
}

/// Connection types of a hub link.
enum ConnectionType: String, Sendable, CaseIterable {
    case preview, test, production
}

/// One stored parameter value of a request's asset.
struct ParamValue: Sendable, Equatable {
    var id: String
    var value: String
    var valueError: String = ""
}

/// One line item: which of the product's items and how many.
struct ItemQuantity: Sendable, Equatable {
    var item: Int
    var quantity: Int
}

/// A seeded or modified fulfillment request, stored compactly; `RequestRenderer` turns it into wire JSON.
struct SandboxRecord: Sendable {
    var id: String
    var assetID: String
    var digits: UInt64
    var externalID: String
    var type: RequestType
    var status: RequestStatus
    var assetStatus: AssetStatus
    var created: Int64
    var updated: Int64
    var effectiveDate: Int64?
    var note: String = ""
    var reason: String = ""
    var answered: Bool = false
    var assignee: WireUserSpec?
    var product: Int
    var marketplace: Int
    var connection: ConnectionType
    var customer: Int
    var tier1: Int
    /// Nil renders as `{}`.
    var tier2: Int?
    var params: [ParamValue]
    var items: [ItemQuantity]
    var templateID: String?
    var hasPreviousRequest: Bool

    /// Value of the parameter `id`, nil when the asset has no such parameter.
    func param(_ id: String) -> String? {
        params.first { $0.id == id }?.value
    }

    /// `CO-…`: the request's conversation id, derived from its id.
    var conversationID: String {
        Self.conversationID(forRequest: id)
    }

    static func conversationID(forRequest requestID: String) -> String {
        "CO-" + requestID.dropFirst(3)
    }

    static func requestID(forConversation conversationID: String) -> String? {
        guard conversationID.hasPrefix("CO-") else { return nil }
        return "PR-" + conversationID.dropFirst(3)
    }
}
