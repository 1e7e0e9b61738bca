import ConnectWire

/// How the filterable and orderable fields of `GET /requests` are read from stored records. Which fields and
/// lookups a query may use is `SpecRules`' business; a field the spec declares but the sandbox does not model
/// (`sli.days`) restricts nothing.
enum RequestFields {
    static func table(_ catalog: SeedCatalog) -> FieldTable<SandboxRecord> {
        var fields: [String: FieldAccessor<SandboxRecord>] = [
            "id": .text { $0.id },
            "type": .text { $0.type.rawValue },
            "status": .text { $0.status.rawValue },
            "created": .time { $0.created },
            "updated": .time { $0.updated },
            "effective_date": .time { $0.effectiveDate },
            "note": .text { $0.note },
            "reason": .text { $0.reason },
            "asset.id": .text { $0.assetID },
            "asset.external_id": .text { $0.externalID },
            "asset.external_uid": .text { RequestRenderer.externalUID($0) },
            "asset.status": .text { $0.assetStatus.rawValue },
            "asset.product.id": .text { catalog.products[$0.product].id },
            "asset.product.name": .text { catalog.products[$0.product].name },
            "asset.connection.type": .text { $0.connection.rawValue },
            "asset.connection.id": .text { catalog.connections[$0.product][connectionIndex($0)].id },
            "asset.connection.hub.id": .text { catalog.connections[$0.product][connectionIndex($0)].hub?.id },
            "asset.connection.hub.name": .text { catalog.connections[$0.product][connectionIndex($0)].hub?.name },
            "asset.connection.provider.id": .text {
                catalog.connections[$0.product][connectionIndex($0)].provider?.id
            },
            "asset.connection.vendor.id": .text { _ in SeedCatalog.vendorRef.id },
            "asset.connection.vendor.name": .text { _ in SeedCatalog.vendorRef.name },
            "asset.connection.provider.name": .text {
                catalog.connections[$0.product][connectionIndex($0)].provider?.name
            },
            "marketplace.id": .text { catalog.marketplaces[$0.marketplace].id },
            "marketplace.name": .text { catalog.marketplaces[$0.marketplace].name },
            "contract.id": .text { catalog.contracts[$0.marketplace].id },
            "template.id": .text { $0.templateID },
            "previous_approved_request.id": .text { $0.hasPreviousRequest ? RequestRenderer.previousID($0) : nil },
            "asset.params.id": .many { $0.params.map(\.id) },
            "asset.params.value": .many { $0.params.map(\.value) },
            "assignee": .text { $0.assignee?.id },
            "assignee.email": .text { $0.assignee?.email },
            "assignee.name": .text { $0.assignee?.name },
        ]
        for tier in ["customer", "tier1", "tier2"] {
            let read: @Sendable (SandboxRecord) -> WireTierFields? = { record in
                switch tier {
                case "customer": WireTierFields(catalog.customers[record.customer])
                case "tier1": WireTierFields(catalog.resellers[record.tier1])
                default: record.tier2.map { WireTierFields(catalog.distributors[$0]) }
                }
            }
            fields["asset.tiers.\(tier).id"] = .text { read($0)?.id }
            fields["asset.tiers.\(tier).name"] = .text { read($0)?.name }
            fields["asset.tiers.\(tier).external_id"] = .text { read($0)?.externalID }
            fields["asset.tiers.\(tier).external_uid"] = .text { read($0)?.externalUID }
        }
        let aliases = [
            "asset_id": "asset.id", "product_id": "asset.product.id", "product.id": "asset.product.id",
            "asset.marketplace.id": "marketplace.id", "asset.marketplace.name": "marketplace.name",
            "asset.contract.id": "contract.id", "assignee.id": "assignee", "connection.type": "asset.connection.type",
            "asset.product": "asset.product.id", "marketplace": "marketplace.id",
            "asset.tier1_id": "asset.tiers.tier1.id", "asset.tier2_id": "asset.tiers.tier2.id",
            "asset.tiers.tier2": "asset.tiers.tier2.id", "contract.id.exact": "contract.id",
        ]
        for (alias, target) in aliases { fields[alias] = fields[target] }
        return FieldTable(fields)
    }

    private static func connectionIndex(_ record: SandboxRecord) -> Int {
        ConnectionType.allCases.firstIndex(of: record.connection) ?? 0
    }
}

/// The identifying text fields of a tier account, for filtering.
struct WireTierFields {
    let id: String?
    let name: String?
    let externalID: String?
    let externalUID: String?

    init(_ tier: WireTier) {
        id = tier.id
        name = tier.name
        externalID = tier.externalID
        externalUID = tier.externalUID
    }
}
