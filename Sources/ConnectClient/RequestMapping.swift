internal import CancelDeskCore
internal import ConnectWire
internal import Foundation

/// Why a wire request could not become a domain request; names the field.
struct MappingError: Error, Equatable, CustomStringConvertible {
    var field: String
    var problem: String

    var description: String { "\(field): \(problem)" }
}

/// Maps wire requests to domain requests. Required: id, type, status, created, asset id, product id.
enum RequestMapping {
    /// Connect object ids canceldesk will put in a URL path: letters, digits, `-`, `_`, `.`; 1–64 characters.
    static func isSafeIdentifier(_ id: String) -> Bool {
        guard (1...64).contains(id.utf8.count), id.first != "." else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }

    static func request(_ wire: WireRequest) throws -> FulfillmentRequest {
        guard isSafeIdentifier(wire.id) else { throw MappingError(field: "id", problem: "not a valid request id") }
        guard let type = wire.type else { throw MappingError(field: "type", problem: "missing") }
        guard let status = wire.status else { throw MappingError(field: "status", problem: "missing") }
        guard let createdText = wire.created else { throw MappingError(field: "created", problem: "missing") }
        guard let created = WireTimestamp.parse(createdText) else {
            throw MappingError(field: "created", problem: "not an ISO-8601 timestamp")
        }
        guard let asset = wire.asset else { throw MappingError(field: "asset", problem: "missing") }
        return FulfillmentRequest(
            id: wire.id, type: RequestType(wireValue: type), status: RequestStatus(wireValue: status),
            created: Date(timeIntervalSince1970: created),
            updated: wire.updated.flatMap(WireTimestamp.parse).map(Date.init(timeIntervalSince1970:)),
            effectiveDate: wire.effectiveDate.flatMap(WireTimestamp.parse).map(Date.init(timeIntervalSince1970:)),
            note: wire.note ?? "", reason: wire.reason ?? "", assignee: assignee(wire.assignee),
            marketplace: reference(wire.marketplace), contract: reference(wire.contract),
            asset: try self.asset(asset),
            sli: wire.sli.flatMap { sli in sli.days.map { ServiceLevel(zone: sli.zone ?? 0, days: $0) } })
    }

    static func asset(_ wire: WireAsset) throws -> Asset {
        guard let id = wire.id, !id.isEmpty else { throw MappingError(field: "asset.id", problem: "missing") }
        guard let productID = wire.product?.id, !productID.isEmpty else {
            throw MappingError(field: "asset.product.id", problem: "missing")
        }
        let connection = wire.connection
        return Asset(
            id: id, status: AssetStatus(wireValue: wire.status ?? ""), externalID: wire.externalID ?? "",
            externalUID: wire.externalUID ?? "",
            product: Product(id: productID, name: wire.product?.name ?? "", status: wire.product?.status ?? ""),
            connection: Connection(
                id: connection?.id ?? "", type: ConnectionType(wireValue: connection?.type ?? ""),
                provider: reference(connection?.provider), vendor: reference(connection?.vendor),
                hub: reference(connection?.hub)),
            items: (wire.items ?? []).map(item), params: (wire.params ?? []).map(parameter),
            tiers: Tiers(
                customer: tier(wire.tiers?.customer), tier1: tier(wire.tiers?.tier1), tier2: tier(wire.tiers?.tier2)),
            marketplace: reference(wire.marketplace), contract: reference(wire.contract))
    }

    static func assignee(_ wire: WireAssignee?) -> Assignee {
        guard case .user(let user) = wire else { return .none }
        if user.id == nil && user.name == nil && user.email == nil { return .none }
        return .user(id: user.id, name: user.name, email: user.email)
    }

    static func reference(_ wire: WireReference?) -> Reference? {
        guard let id = wire?.id, !id.isEmpty else { return nil }
        return Reference(id: id, name: wire?.name ?? "")
    }

    static func item(_ wire: WireItem) -> Item {
        Item(
            id: wire.id ?? "", globalID: wire.globalID ?? "", mpn: wire.mpn ?? "", quantity: wire.quantity ?? "",
            oldQuantity: wire.oldQuantity ?? "", unit: wire.type ?? "", displayName: wire.displayName ?? "",
            period: wire.period ?? "", itemType: wire.itemType ?? "")
    }

    static func parameter(_ wire: WireParameter) -> Parameter {
        Parameter(
            id: wire.id, name: wire.name ?? "", title: wire.title ?? "", description: wire.description ?? "",
            type: wire.type ?? "", phase: ParameterPhase(wireValue: wire.phase), value: wire.value ?? "",
            valueError: wire.valueError ?? "", structuredValue: wire.structuredValue.map(structured))
    }

    static func structured(_ wire: WireJSON) -> StructuredValue {
        switch wire {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value): .number(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(structured))
        case .object(let values): .object(values.mapValues(structured))
        }
    }

    /// A tier; `{}` (no id) is no tier.
    static func tier(_ wire: WireTier?) -> TierAccount? {
        guard let wire, let id = wire.id, !id.isEmpty else { return nil }
        return TierAccount(
            id: id, externalID: wire.externalID ?? "", externalUID: wire.externalUID ?? "", name: wire.name ?? "",
            type: wire.type ?? "", taxID: wire.taxID ?? "", contactInfo: wire.contactInfo.map(contactInfo))
    }

    static func contactInfo(_ wire: WireContactInfo) -> ContactInfo {
        ContactInfo(
            addressLine1: wire.addressLine1 ?? "", addressLine2: wire.addressLine2 ?? "", city: wire.city ?? "",
            state: wire.state ?? "", postalCode: wire.postalCode ?? "", country: wire.country ?? "",
            contact: wire.contact.map { contact in
                Contact(
                    firstName: contact.firstName ?? "", lastName: contact.lastName ?? "", email: contact.email ?? "",
                    phone: phone(contact.phoneNumber))
            })
    }

    static func phone(_ wire: WirePhoneNumber?) -> String {
        guard let wire else { return "" }
        var parts = [wire.countryCode, wire.areaCode, wire.phoneNumber].compactMap { $0 }.filter { !$0.isEmpty }
        if let ext = wire.extensionNumber, !ext.isEmpty { parts.append("ext \(ext)") }
        return parts.joined(separator: " ")
    }
}
