/// The subscription a cancel request is about.
public struct Asset: Sendable, Equatable {
    public var id: String
    public var status: AssetStatus
    public var externalID: String
    public var externalUID: String
    public var product: Product
    public var connection: Connection
    public var items: [Item]
    public var params: [Parameter]
    public var tiers: Tiers
    public var marketplace: Reference?
    public var contract: Reference?

    public init(
        id: String, status: AssetStatus, externalID: String = "", externalUID: String = "", product: Product,
        connection: Connection, items: [Item] = [], params: [Parameter] = [], tiers: Tiers = Tiers(),
        marketplace: Reference? = nil, contract: Reference? = nil
    ) {
        self.id = id
        self.status = status
        self.externalID = externalID
        self.externalUID = externalUID
        self.product = product
        self.connection = connection
        self.items = items
        self.params = params
        self.tiers = tiers
        self.marketplace = marketplace
        self.contract = contract
    }
}

/// The product a subscription belongs to.
public struct Product: Sendable, Equatable {
    public var id: String
    public var name: String
    public var status: String

    public init(id: String, name: String = "", status: String = "") {
        self.id = id
        self.name = name
        self.status = status
    }
}

/// The hub connection the subscription was sold through.
public struct Connection: Sendable, Equatable {
    public var id: String
    public var type: ConnectionType
    public var provider: Reference?
    public var vendor: Reference?
    public var hub: Reference?

    public init(
        id: String, type: ConnectionType, provider: Reference? = nil, vendor: Reference? = nil, hub: Reference? = nil
    ) {
        self.id = id
        self.type = type
        self.provider = provider
        self.vendor = vendor
        self.hub = hub
    }
}

/// One line item. Quantities stay text, exactly as Connect sends them.
public struct Item: Sendable, Equatable {
    public var id: String
    public var globalID: String
    public var mpn: String
    public var quantity: String
    public var oldQuantity: String
    public var unit: String
    public var displayName: String
    public var period: String
    public var itemType: String

    public init(
        id: String, globalID: String = "", mpn: String = "", quantity: String = "", oldQuantity: String = "",
        unit: String = "", displayName: String = "", period: String = "", itemType: String = ""
    ) {
        self.id = id
        self.globalID = globalID
        self.mpn = mpn
        self.quantity = quantity
        self.oldQuantity = oldQuantity
        self.unit = unit
        self.displayName = displayName
        self.period = period
        self.itemType = itemType
    }
}

/// One asset parameter.
public struct Parameter: Sendable, Equatable {
    public var id: String
    public var name: String
    public var title: String
    public var description: String
    public var type: String
    public var phase: ParameterPhase
    public var value: String
    public var valueError: String
    public var structuredValue: StructuredValue?

    public init(
        id: String, name: String = "", title: String = "", description: String = "", type: String = "text",
        phase: ParameterPhase = .unknown(""), value: String = "", valueError: String = "",
        structuredValue: StructuredValue? = nil
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.description = description
        self.type = type
        self.phase = phase
        self.value = value
        self.valueError = valueError
        self.structuredValue = structuredValue
    }
}

/// A free-form JSON value (`structured_value` of address, phone and object parameters).
public indirect enum StructuredValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([StructuredValue])
    case object([String: StructuredValue])
}

/// The tier chain: the customer and up to two resellers.
public struct Tiers: Sendable, Equatable {
    public var customer: TierAccount?
    public var tier1: TierAccount?
    public var tier2: TierAccount?

    public init(customer: TierAccount? = nil, tier1: TierAccount? = nil, tier2: TierAccount? = nil) {
        self.customer = customer
        self.tier1 = tier1
        self.tier2 = tier2
    }
}

/// A customer or reseller account with its contact.
public struct TierAccount: Sendable, Equatable {
    public var id: String
    public var externalID: String
    public var externalUID: String
    public var name: String
    public var type: String
    public var taxID: String
    public var contactInfo: ContactInfo?

    public init(
        id: String, externalID: String = "", externalUID: String = "", name: String = "", type: String = "",
        taxID: String = "", contactInfo: ContactInfo? = nil
    ) {
        self.id = id
        self.externalID = externalID
        self.externalUID = externalUID
        self.name = name
        self.type = type
        self.taxID = taxID
        self.contactInfo = contactInfo
    }
}

/// A postal address and its contact person.
public struct ContactInfo: Sendable, Equatable {
    public var addressLine1: String
    public var addressLine2: String
    public var city: String
    public var state: String
    public var postalCode: String
    public var country: String
    public var contact: Contact?

    public init(
        addressLine1: String = "", addressLine2: String = "", city: String = "", state: String = "",
        postalCode: String = "", country: String = "", contact: Contact? = nil
    ) {
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.contact = contact
    }
}

/// A contact person.
public struct Contact: Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var email: String
    /// The phone number joined for display: `+91 755 5059167 ext 12`.
    public var phone: String

    public init(firstName: String = "", lastName: String = "", email: String = "", phone: String = "") {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
    }
}
