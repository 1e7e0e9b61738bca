/// The subscription (asset) inside a request.
public struct WireAsset: Codable, Sendable, Equatable {
    public var id: String?
    public var status: String?
    public var externalID: String?
    public var externalUID: String?
    public var product: WireProduct?
    public var connection: WireConnection?
    public var items: [WireItem]?
    public var params: [WireParameter]?
    public var tiers: WireTiers?
    public var marketplace: WireReference?
    public var contract: WireReference?
    public var configuration: WireConfiguration?

    public init(
        id: String? = nil, status: String? = nil, externalID: String? = nil, externalUID: String? = nil,
        product: WireProduct? = nil, connection: WireConnection? = nil, items: [WireItem]? = nil,
        params: [WireParameter]? = nil, tiers: WireTiers? = nil, marketplace: WireReference? = nil,
        contract: WireReference? = nil, configuration: WireConfiguration? = nil
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
        self.configuration = configuration
    }

    enum CodingKeys: String, CodingKey {
        case id, status, product, connection, items, params, tiers, marketplace, contract, configuration
        case externalID = "external_id"
        case externalUID = "external_uid"
    }
}

/// `asset.configuration`: product and marketplace configuration parameters.
public struct WireConfiguration: Codable, Sendable, Equatable {
    public var params: [WireParameter]?

    public init(params: [WireParameter]? = nil) {
        self.params = params
    }
}

/// `asset.product`.
public struct WireProduct: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var status: String?
    public var icon: String?

    public init(id: String? = nil, name: String? = nil, status: String? = nil, icon: String? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.icon = icon
    }
}

/// `asset.connection`: the hub link and its type (preview, test, production).
public struct WireConnection: Codable, Sendable, Equatable {
    public var id: String?
    public var type: String?
    public var provider: WireReference?
    public var vendor: WireReference?
    public var hub: WireReference?

    public init(
        id: String? = nil, type: String? = nil, provider: WireReference? = nil, vendor: WireReference? = nil,
        hub: WireReference? = nil
    ) {
        self.id = id
        self.type = type
        self.provider = provider
        self.vendor = vendor
        self.hub = hub
    }
}

/// One line item. Quantities are strings on the wire; a number is accepted and kept as its text.
public struct WireItem: Codable, Sendable, Equatable {
    public var id: String?
    public var globalID: String?
    public var mpn: String?
    public var quantity: String?
    public var oldQuantity: String?
    public var type: String?
    public var displayName: String?
    public var period: String?
    public var itemType: String?

    public init(
        id: String? = nil, globalID: String? = nil, mpn: String? = nil, quantity: String? = nil,
        oldQuantity: String? = nil, type: String? = nil, displayName: String? = nil, period: String? = nil,
        itemType: String? = nil
    ) {
        self.id = id
        self.globalID = globalID
        self.mpn = mpn
        self.quantity = quantity
        self.oldQuantity = oldQuantity
        self.type = type
        self.displayName = displayName
        self.period = period
        self.itemType = itemType
    }

    enum CodingKeys: String, CodingKey {
        case id, mpn, quantity, type, period
        case globalID = "global_id"
        case oldQuantity = "old_quantity"
        case displayName = "display_name"
        case itemType = "item_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        globalID = try container.decodeIfPresent(String.self, forKey: .globalID)
        mpn = try container.decodeIfPresent(String.self, forKey: .mpn)
        quantity = try Self.decodeQuantity(container, .quantity)
        oldQuantity = try Self.decodeQuantity(container, .oldQuantity)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        period = try container.decodeIfPresent(String.self, forKey: .period)
        itemType = try container.decodeIfPresent(String.self, forKey: .itemType)
    }

    private static func decodeQuantity(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
    ) throws -> String? {
        if let text = try? container.decodeIfPresent(String.self, forKey: key) { return text }
        if let whole = try? container.decodeIfPresent(Int64.self, forKey: key) { return String(whole) }
        if let number = try container.decodeIfPresent(Double.self, forKey: key) { return String(number) }
        return nil
    }
}

/// One parameter of the asset (ordering, fulfillment or configuration phase).
public struct WireParameter: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var title: String?
    public var description: String?
    public var type: String?
    public var phase: String?
    public var value: String?
    public var valueError: String?
    public var structuredValue: WireJSON?
    public var constraints: WireJSON?

    public init(
        id: String, name: String? = nil, title: String? = nil, description: String? = nil, type: String? = nil,
        phase: String? = nil, value: String? = nil, valueError: String? = nil, structuredValue: WireJSON? = nil,
        constraints: WireJSON? = nil
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
        self.constraints = constraints
    }

    enum CodingKeys: String, CodingKey {
        case id, name, title, description, type, phase, value, constraints
        case valueError = "value_error"
        case structuredValue = "structured_value"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        phase = try container.decodeIfPresent(String.self, forKey: .phase)
        // A non-string scalar value (seen in hand-made payloads) is kept as its text rather than losing the request.
        switch try container.decodeIfPresent(WireJSON.self, forKey: .value) {
        case .string(let text): value = text
        case .number(let number):
            value =
                number == number.rounded() && abs(number) < 1e15
                ? String(Int64(number)) : String(number)
        case .bool(let flag): value = String(flag)
        case .null, .none: value = nil
        case .array, .object:
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: container.codingPath + [CodingKeys.value], debugDescription: "value is not a scalar")
            )
        }
        valueError = try container.decodeIfPresent(String.self, forKey: .valueError)
        structuredValue = try container.decodeIfPresent(WireJSON.self, forKey: .structuredValue)
        constraints = try container.decodeIfPresent(WireJSON.self, forKey: .constraints)
    }
}

/// `asset.tiers`: customer, tier1 and tier2; any of them may be `{}`.
public struct WireTiers: Codable, Sendable, Equatable {
    public var customer: WireTier?
    public var tier1: WireTier?
    public var tier2: WireTier?

    public init(customer: WireTier? = nil, tier1: WireTier? = nil, tier2: WireTier? = nil) {
        self.customer = customer
        self.tier1 = tier1
        self.tier2 = tier2
    }
}

/// A tier account (customer or reseller). Every field is optional because `{}` is a valid tier.
public struct WireTier: Codable, Sendable, Equatable {
    public var id: String?
    public var externalID: String?
    public var externalUID: String?
    public var type: String?
    public var name: String?
    public var taxID: String?
    public var contactInfo: WireContactInfo?

    public init(
        id: String? = nil, externalID: String? = nil, externalUID: String? = nil, type: String? = nil,
        name: String? = nil, taxID: String? = nil, contactInfo: WireContactInfo? = nil
    ) {
        self.id = id
        self.externalID = externalID
        self.externalUID = externalUID
        self.type = type
        self.name = name
        self.taxID = taxID
        self.contactInfo = contactInfo
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name
        case externalID = "external_id"
        case externalUID = "external_uid"
        case taxID = "tax_id"
        case contactInfo = "contact_info"
    }
}

/// A tier's postal address and contact person.
public struct WireContactInfo: Codable, Sendable, Equatable {
    public var addressLine1: String?
    public var addressLine2: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var contact: WireContact?

    public init(
        addressLine1: String? = nil, addressLine2: String? = nil, city: String? = nil, state: String? = nil,
        postalCode: String? = nil, country: String? = nil, contact: WireContact? = nil
    ) {
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.contact = contact
    }

    enum CodingKeys: String, CodingKey {
        case city, state, country, contact
        case addressLine1 = "address_line1"
        case addressLine2 = "address_line2"
        case postalCode = "postal_code"
    }
}

/// The contact person of a tier.
public struct WireContact: Codable, Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phoneNumber: WirePhoneNumber?

    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, phoneNumber: WirePhoneNumber? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phoneNumber = phoneNumber
    }

    enum CodingKeys: String, CodingKey {
        case email
        case firstName = "first_name"
        case lastName = "last_name"
        case phoneNumber = "phone_number"
    }
}

/// A phone number split as Connect splits it.
public struct WirePhoneNumber: Codable, Sendable, Equatable {
    public var countryCode: String?
    public var areaCode: String?
    public var phoneNumber: String?
    public var extensionNumber: String?

    public init(
        countryCode: String? = nil, areaCode: String? = nil, phoneNumber: String? = nil,
        extensionNumber: String? = nil
    ) {
        self.countryCode = countryCode
        self.areaCode = areaCode
        self.phoneNumber = phoneNumber
        self.extensionNumber = extensionNumber
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code"
        case areaCode = "area_code"
        case phoneNumber = "phone_number"
        case extensionNumber = "extension"
    }
}
