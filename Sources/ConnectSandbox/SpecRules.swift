/// The filter rules of every collection the sandbox serves, as Connect's OpenAPI spec (v37.0) declares them in
/// each list operation's query parameters ("lookups", "ordering: true", enums).
///
/// Two deliberate additions to the spec, each one where the spec is known to be narrower than Connect:
/// - `asset.connection.type` also accepts `preview` (the spec's filter enum lists only `test` and `production`,
///   while its request schema has `preview`, and CloudBlue's own processor template filters on `preview`).
///   ``SandboxOptions/acceptsPreviewFilter`` set to false follows the spec's enum literally.
/// - templates may be filtered by `id` and `name` (CloudBlue's processor template looks templates up by name).
struct SpecRules: Sendable {
    let requests: CollectionRules
    let conversations: CollectionRules
    let messages: CollectionRules
    let templates: CollectionRules

    init(acceptsPreviewFilter: Bool = true) {
        var requests = CollectionRules(Self.requestFilters, properties: Self.requestProperties)
        if acceptsPreviewFilter {
            for name in ["asset.connection.type", "asset__connection__type"] {
                guard let rule = requests.rule(name) else { continue }
                requests = requests.replacing(name, with: rule.accepting(["preview"]))
            }
        }
        self.requests = requests
        conversations = CollectionRules([
            "created": FieldRule("eq ne ge gt le lt in out", ordering: true),
            "events.created.at": FieldRule("eq ne ge gt le lt in out", ordering: true),
            "id": FieldRule("eq ne like ilike null in out"),
            "instance_id": FieldRule("eq ne like ilike in out"),
        ])
        messages = CollectionRules([
            "created": FieldRule("eq ne ge gt le lt in out", ordering: true),
            "events.created.at": FieldRule("eq ne ge gt le lt in out", ordering: true),
            "events.created.by.id": FieldRule("eq ne like ilike null in out"),
            "events.updated.at": FieldRule("eq ne ge gt le lt in out", ordering: true),
            "id": FieldRule("eq ne like ilike null in out"),
            "text": FieldRule("eq ne like ilike in out"),
            "type": FieldRule("eq ne like ilike in out", values: ["message", "state_change", "private"]),
        ])
        templates = CollectionRules([
            "scope": FieldRule("eq ne like ilike in out", values: ["asset", "tier1", "tier2"]),
            "type": FieldRule("eq ne like ilike null in out", values: ["inquire", "fulfillment", "pending"]),
            "id": FieldRule("eq ne like ilike in out"),
            "name": FieldRule("eq ne like ilike in out"),
        ])
    }

    /// `GET /requests` query parameters.
    static let requestFilters: [String: FieldRule] = {
        let text = "eq ne like ilike in out"
        let nullable = "eq ne like ilike null in out"
        let time = "eq ne ge gt le lt in out"
        let connectionTypes = ["test", "production"]
        var rules: [String: FieldRule] = [
            "activation_key": FieldRule(""),
            "asset.account_id": FieldRule("eq"),
            "asset.configuration": FieldRule(""),
            "asset.connection.environment": FieldRule("eq in", values: connectionTypes),
            "asset.connection.hub.id": FieldRule(nullable),
            "asset.connection.hub.name": FieldRule(text, ordering: true),
            "asset.connection.id": FieldRule(nullable),
            "asset.connection.provider.id": FieldRule("eq ilike in"),
            "asset.connection.provider.name": FieldRule("eq ilike"),
            "asset.connection.type": FieldRule("eq in", values: connectionTypes),
            "asset.connection.vendor.id": FieldRule("eq ilike in"),
            "asset.connection.vendor.name": FieldRule("eq ilike"),
            "asset.contract.id": FieldRule(nullable),
            "asset.external.id": FieldRule(nullable),
            "asset.external_id": FieldRule(nullable),
            "asset.external_uid": FieldRule(nullable),
            "asset.id": FieldRule(nullable),
            "asset.items": FieldRule(""),
            "asset.marketplace.id": FieldRule(nullable),
            "asset.marketplace.name": FieldRule(text, ordering: true),
            "asset.params.id": FieldRule("eq in"),
            "asset.params.value": FieldRule("eq in"),
            "asset.product.capabilities": FieldRule(""),
            "asset.product.id": FieldRule(nullable),
            "asset.product.name": FieldRule(text, ordering: true),
            "asset.status": FieldRule(
                "eq", values: ["draft", "processing", "active", "terminating", "suspended", "terminated"]),
            "asset.tier1_id": FieldRule("eq"),
            "asset.tier2_id": FieldRule("eq"),
            "asset.tiers.customer.id": FieldRule(nullable, ordering: true),
            "asset.tiers.customer.name": FieldRule(nullable, ordering: true),
            "asset.tiers.tier1.id": FieldRule(nullable),
            "asset.tiers.tier2": FieldRule("eq"),
            "asset.tiers.tier2.id": FieldRule(nullable),
            "asset__connection__environment": FieldRule("eq in", values: connectionTypes),
            "asset__connection__hub__id": FieldRule("eq"),
            "asset__connection__hub__name": FieldRule(text, ordering: true),
            "asset__connection__provider__id": FieldRule("eq ilike in"),
            "asset__connection__provider__name": FieldRule("eq ilike"),
            "asset__connection__type": FieldRule("eq in", values: connectionTypes),
            "asset__connection__vendor__id": FieldRule("eq ilike in"),
            "asset__connection__vendor__name": FieldRule("eq ilike"),
            "asset__id": FieldRule(nullable),
            "asset__product__id": FieldRule(nullable),
            "asset__product__name": FieldRule(text, ordering: true),
            "asset__tiers__customer__id": FieldRule("eq", ordering: true),
            "asset__tiers__tier1__id": FieldRule("eq"),
            "asset__tiers__tier2__id": FieldRule("eq"),
            "asset_id": FieldRule("eq in"),
            "assignee": FieldRule("eq null in"),
            "assignee.email": FieldRule("eq ilike in"),
            "assignee__email": FieldRule("eq ilike in"),
            "contract.id": FieldRule(nullable),
            "contract__id": FieldRule(nullable),
            "contract__id__exact": FieldRule("eq"),
            "created": FieldRule(time, ordering: true),
            "id": FieldRule(nullable),
            "marketplace.id": FieldRule(nullable),
            "marketplace.name": FieldRule(text, ordering: true),
            "marketplace__name": FieldRule(text, ordering: true),
            "product_id": FieldRule(nullable),
            "sli.days": FieldRule("eq ge gt le lt", ordering: true),
            "sli.zone": FieldRule("eq ne ge gt le lt null in out", ordering: true),
            "template": FieldRule(""),
            "template.id": FieldRule(nullable),
            "updated": FieldRule(time, ordering: true),
        ]
        rules["status"] = FieldRule(
            text, ordering: true,
            values: [
                "draft", "tiers_setup", "pending", "inquiring", "approved", "failed", "scheduled", "revoking",
                "revoked",
            ])
        rules["type"] = FieldRule(
            text, values: ["purchase", "cancel", "change", "suspend", "resume", "adjustment", "renew", "transfer"])
        return rules
    }()

    /// Properties of a rendered request that are no filter but can be left out with `select(-…)`; the spec's
    /// descriptions also spell `select(-configuration)` and `select(-items)`.
    static let requestProperties: Set<String> = [
        "note", "reason", "effective_date", "answered", "previous_approved_request", "configuration", "items",
        "asset.tiers.customer.contact_info", "asset.tiers.tier1.contact_info", "asset.tiers.tier2.contact_info",
        "asset.connection.provider", "asset.connection.vendor", "asset.tiers.tier1",
    ]
}
