/// A fulfillment request as Connect sends it (`GET /requests`, `GET /requests/{id}`, every action's response).
///
/// Every field but `id` is optional so that one odd field never loses a whole request; the client's mapping
/// decides what is required. Unknown fields are ignored. Statuses and types stay strings here and become enums
/// at the adapter.
public struct WireRequest: Codable, Sendable, Equatable {
    public var id: String
    public var type: String?
    public var status: String?
    public var created: String?
    public var updated: String?
    public var effectiveDate: String?
    public var note: String?
    public var reason: String?
    public var answered: Bool?
    public var assignee: WireAssignee?
    public var activationKey: String?
    public var marketplace: WireReference?
    public var contract: WireReference?
    public var previousApprovedRequest: WireReference?
    public var template: WireReference?
    public var asset: WireAsset?
    /// `sli`: `{"days": N, "zone": N}` where Connect sends it.
    public var sli: WireSLI?

    public init(
        id: String, type: String? = nil, status: String? = nil, created: String? = nil, updated: String? = nil,
        effectiveDate: String? = nil, note: String? = nil, reason: String? = nil, answered: Bool? = nil,
        assignee: WireAssignee? = nil, activationKey: String? = nil, marketplace: WireReference? = nil,
        contract: WireReference? = nil, previousApprovedRequest: WireReference? = nil,
        template: WireReference? = nil, asset: WireAsset? = nil, sli: WireSLI? = nil
    ) {
        self.sli = sli
        self.id = id
        self.type = type
        self.status = status
        self.created = created
        self.updated = updated
        self.effectiveDate = effectiveDate
        self.note = note
        self.reason = reason
        self.answered = answered
        self.assignee = assignee
        self.activationKey = activationKey
        self.marketplace = marketplace
        self.contract = contract
        self.previousApprovedRequest = previousApprovedRequest
        self.template = template
        self.asset = asset
        self.sli = sli
    }

    enum CodingKeys: String, CodingKey {
        case id, type, status, created, updated, note, reason, answered, assignee, marketplace, contract, template,
            asset
        case sli
        case effectiveDate = "effective_date"
        case activationKey = "activation_key"
        case previousApprovedRequest = "previous_approved_request"
    }
}

/// `{"id": …, "name": …}`: marketplace, contract, provider, vendor, hub, template references.
public struct WireReference: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var icon: String?

    public init(id: String? = nil, name: String? = nil, icon: String? = nil) {
        self.id = id
        self.name = name
        self.icon = icon
    }
}

/// `assignee` is `""` (nobody), a bare user id string, or a user object, depending on the Connect version.
public enum WireAssignee: Codable, Sendable, Equatable {
    case none
    case user(WireUser)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .none
        } else if let text = try? container.decode(String.self) {
            self = text.isEmpty ? .none : .user(WireUser(id: text))
        } else {
            self = .user(try container.decode(WireUser.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .none: try container.encode("")
        case .user(let user): try container.encode(user)
        }
    }
}

/// A Connect user as it appears in `assignee`.
public struct WireUser: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var email: String?

    public init(id: String? = nil, name: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
    }
}

/// A request's `sli` (`{"zone": 1, "days": 3}`), read leniently: a field of another type is left out, and an `sli`
/// that is not an object reads as empty, so an odd SLI never loses the request.
public struct WireSLI: Codable, Sendable, Equatable {
    public var zone: Int?
    public var days: Int?

    public init(zone: Int? = nil, days: Int? = nil) {
        self.zone = zone
        self.days = days
    }

    enum CodingKeys: String, CodingKey {
        case zone, days
    }

    public init(from decoder: any Decoder) throws {
        let container = try? decoder.container(keyedBy: CodingKeys.self)
        zone = try? container?.decodeIfPresent(Int.self, forKey: .zone)
        days = try? container?.decodeIfPresent(Int.self, forKey: .days)
    }
}
