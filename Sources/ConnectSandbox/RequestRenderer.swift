import ConnectWire

/// Turns stored records into spec-shaped `WireRequest`s, and applies `select(-…)` exclusions.
struct RequestRenderer: Sendable {
    let catalog: SeedCatalog

    func render(_ record: SandboxRecord) -> WireRequest {
        let product = catalog.products[record.product]
        let connectionIndex = ConnectionType.allCases.firstIndex(of: record.connection) ?? 0
        let marketplace = catalog.marketplaces[record.marketplace]
        let contract = catalog.contracts[record.marketplace]
        let asset = WireAsset(
            id: record.assetID, status: record.assetStatus.rawValue, externalID: record.externalID,
            externalUID: Self.externalUID(record), product: catalog.productRefs[record.product],
            connection: catalog.connections[record.product][connectionIndex],
            items: record.items.map { item(product, $0, record.type) },
            params: record.params.map { parameter(product, $0) },
            tiers: WireTiers(
                customer: catalog.customers[record.customer], tier1: catalog.resellers[record.tier1],
                tier2: record.tier2.map { catalog.distributors[$0] } ?? WireTier()
            ),
            marketplace: WireReference(id: marketplace.id, name: marketplace.name), contract: contract,
            configuration: WireConfiguration(params: [])
        )
        return WireRequest(
            id: record.id, type: record.type.rawValue, status: record.status.rawValue,
            created: ISOTime.format(record.created), updated: ISOTime.format(record.updated),
            effectiveDate: record.effectiveDate.map(ISOTime.format) ?? "", note: record.note, reason: record.reason,
            answered: record.answered,
            assignee: record.assignee.map { .user(WireUser(id: $0.id, name: $0.name, email: $0.email)) }
                ?? WireAssignee.none,
            activationKey: "", marketplace: marketplace, contract: contract,
            previousApprovedRequest: record.hasPreviousRequest ? WireReference(id: Self.previousID(record)) : nil,
            template: record.templateID.map { WireReference(id: $0) }, asset: asset
        )
    }

    private func item(_ product: ProductSpec, _ quantity: ItemQuantity, _ type: RequestType) -> WireItem {
        let spec = product.items[quantity.item]
        let global = product.id + "-" + Digits.grouped(UInt64(quantity.item + 1), [4])
        return WireItem(
            id: global.replacing("-", with: "_"), globalID: global, mpn: spec.mpn,
            quantity: String(quantity.quantity), oldQuantity: type == .purchase ? "0" : String(quantity.quantity),
            type: spec.unit, displayName: spec.displayName, period: spec.period, itemType: spec.itemType
        )
    }

    private func parameter(_ product: ProductSpec, _ value: ParamValue) -> WireParameter {
        guard let spec = product.parameters.first(where: { $0.id == value.id }) else {
            return WireParameter(id: value.id, name: value.id, value: value.value, valueError: value.valueError)
        }
        let constraints: WireJSON = .object([
            "required": .bool(spec.required), "hidden": .bool(false), "unique": .bool(spec.phase == "fulfillment"),
            "reconciliation": .bool(false), "meta": .object([:]), "hint": .string(""), "placeholder": .string(""),
        ])
        return WireParameter(
            id: spec.id, name: spec.id, title: spec.title, description: spec.description, type: spec.type,
            phase: spec.phase, value: value.value, valueError: value.valueError, constraints: constraints
        )
    }

    /// `PR-…-001`: the purchase that preceded a change or cancel.
    static func previousID(_ record: SandboxRecord) -> String {
        String(record.id.dropLast(3)) + "001"
    }

    static func externalUID(_ record: SandboxRecord) -> String {
        var random = SplitMix64(seed: record.digits, stream: 0x0D1D)
        return Digits.uuid(&random)
    }

    /// Drops the `select(-path)` paths from a rendered request; unknown paths are ignored.
    static func exclude(_ paths: [String], from request: inout WireRequest) {
        for path in paths {
            switch path {
            case "type": request.type = nil
            case "status": request.status = nil
            case "created": request.created = nil
            case "updated": request.updated = nil
            case "effective_date": request.effectiveDate = nil
            case "note": request.note = nil
            case "reason": request.reason = nil
            case "answered": request.answered = nil
            case "assignee": request.assignee = nil
            case "activation_key": request.activationKey = nil
            case "marketplace": request.marketplace = nil
            case "contract": request.contract = nil
            case "previous_approved_request": request.previousApprovedRequest = nil
            case "template": request.template = nil
            case "asset": request.asset = nil
            default:
                guard request.asset != nil else { continue }
                let assetPath = path.hasPrefix("asset.") ? String(path.dropFirst("asset.".count)) : path
                excludeInAsset(assetPath, from: &request.asset!)
            }
        }
    }

    private static func excludeInAsset(_ path: String, from asset: inout WireAsset) {
        switch path {
        case "status": asset.status = nil
        case "external_id": asset.externalID = nil
        case "external_uid": asset.externalUID = nil
        case "product": asset.product = nil
        case "connection": asset.connection = nil
        case "items": asset.items = nil
        case "params": asset.params = nil
        case "tiers": asset.tiers = nil
        case "marketplace": asset.marketplace = nil
        case "contract": asset.contract = nil
        case "configuration": asset.configuration = nil
        case "connection.provider": asset.connection?.provider = nil
        case "connection.vendor": asset.connection?.vendor = nil
        case "connection.hub": asset.connection?.hub = nil
        case "tiers.customer": asset.tiers?.customer = nil
        case "tiers.tier1": asset.tiers?.tier1 = nil
        case "tiers.tier2": asset.tiers?.tier2 = nil
        case "tiers.customer.contact_info": asset.tiers?.customer?.contactInfo = nil
        case "tiers.tier1.contact_info": asset.tiers?.tier1?.contactInfo = nil
        case "tiers.tier2.contact_info": asset.tiers?.tier2?.contactInfo = nil
        default: break
        }
    }
}
