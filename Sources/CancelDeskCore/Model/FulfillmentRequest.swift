public import Foundation

/// A Connect fulfillment request, as canceldesk sees it: the request, its subscription and who sold it.
public struct FulfillmentRequest: Sendable, Equatable, Identifiable {
    public var id: String
    public var type: RequestType
    public var status: RequestStatus
    public var created: Date
    public var updated: Date?
    public var effectiveDate: Date?
    public var note: String
    /// The fail reason once the request has failed.
    public var reason: String
    public var assignee: Assignee
    public var marketplace: Reference?
    public var contract: Reference?
    public var asset: Asset
    /// The request approved before this one on the same subscription (`previous_approved_request.id`), if any.
    public var previousApprovedRequest: String?
    /// The request's service level indicator (`sli`), when Connect sends one.
    public var sli: ServiceLevelIndicator?

    public init(
        id: String, type: RequestType, status: RequestStatus, created: Date, updated: Date? = nil,
        effectiveDate: Date? = nil, note: String = "", reason: String = "", assignee: Assignee = .none,
        marketplace: Reference? = nil, contract: Reference? = nil, asset: Asset,
        previousApprovedRequest: String? = nil, sli: ServiceLevelIndicator? = nil
    ) {
        self.previousApprovedRequest = previousApprovedRequest
        self.sli = sli
        self.id = id
        self.type = type
        self.status = status
        self.created = created
        self.updated = updated
        self.effectiveDate = effectiveDate
        self.note = note
        self.reason = reason
        self.assignee = assignee
        self.marketplace = marketplace
        self.contract = contract
        self.asset = asset
        self.sli = sli
    }

    /// The parameter with this id, keyed by `id` (never by `name`, which can differ).
    public func parameter(id: String) -> Parameter? {
        asset.params.first { $0.id == id }
    }
}

/// Who a request is assigned to.
public enum Assignee: Sendable, Equatable {
    case none
    case user(id: String?, name: String?, email: String?)

    /// A short label: the e-mail, else the name, else the id; empty when unassigned.
    public var label: String {
        switch self {
        case .none: ""
        case .user(let id, let name, let email): email ?? name ?? id ?? ""
        }
    }
}

/// A service level indicator as Connect's `SLI` schema has it: the days allowed and the zone (a number).
public struct ServiceLevelIndicator: Sendable, Equatable {
    public var days: Int
    public var zone: Int

    public init(days: Int, zone: Int) {
        self.days = days
        self.zone = zone
    }
}

/// An `{id, name}` reference: marketplace, contract, provider, vendor, hub.
public struct Reference: Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String = "") {
        self.id = id
        self.name = name
    }
}
