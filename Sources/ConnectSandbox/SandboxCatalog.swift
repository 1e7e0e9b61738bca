/// Facts about the seeded data that callers (the `--demo` mode, tests) need to know.
public enum SandboxCatalog {
    /// Products that have seeded pending cancel requests; configure these as the products to serve.
    public static let productIDs: [String] = ProductSpec.served.map(\.id)

    /// The product whose pending cancels are noise: a client serving `productIDs` must never act on them.
    public static let foreignProductID: String = ProductSpec.foreign.id

    /// The fulfillment template to approve cancels of `forProduct` with; "" for an unknown product.
    public static func templateID(forProduct productID: String) -> String {
        ProductSpec.named(productID)?.templates.first?.id ?? ""
    }

    /// The fulfillment parameter that holds the vendor subscription id.
    public static let subscriptionParameterID = "subscription_id"
}

/// One seeded product: its items, parameters and templates.
struct ProductSpec: Sendable {
    struct Item: Sendable {
        let mpn: String
        let displayName: String
        let unit: String
        let period: String
        let itemType: String
    }

    struct Parameter: Sendable {
        let id: String
        let title: String
        let description: String
        let type: String
        let phase: String
        let required: Bool
    }

    let id: String
    let name: String
    let items: [Item]
    /// Ordering parameters first, then fulfillment ones; `subscription_id` is always among them.
    let parameters: [Parameter]
    /// The first template is the one to approve cancels with.
    let templates: [WireTemplateSpec]

    static let served: [ProductSpec] = [cloudBackup, secureMail, teamChat, devOps]
    static let foreign = faxGateway
    static let all: [ProductSpec] = served + [foreign]

    static func named(_ id: String) -> ProductSpec? {
        all.first { $0.id == id }
    }

    static func index(of id: String) -> Int? {
        all.firstIndex { $0.id == id }
    }
}

/// A template as seeded (kept apart from the wire type so it can carry the product it belongs to).
struct WireTemplateSpec: Sendable {
    let id: String
    let name: String
    let title: String
    let scope: String
    let type: String
    let body: String
    let position: Int
}

extension ProductSpec {
    private static func emailParam() -> Parameter {
        Parameter(
            id: "customer_email", title: "Customer e-mail address",
            description: "Where the service sends its notices", type: "email", phase: "ordering", required: true
        )
    }

    private static func subscriptionParam() -> Parameter {
        Parameter(
            id: SandboxCatalog.subscriptionParameterID, title: "Vendor subscription ID",
            description: "The subscription's id in the vendor's system", type: "text", phase: "fulfillment",
            required: true
        )
    }

    private static func templates(_ digits: String, _ product: String) -> [WireTemplateSpec] {
        [
            WireTemplateSpec(
                id: "TL-\(digits)-101", name: "Subscription cancelled",
                title: "Your \(product) subscription is cancelled", scope: "asset", type: "fulfillment",
                body: "# Subscription cancelled\n\nYour **\(product)** subscription `{{ asset.id }}` has been "
                    + "cancelled.",
                position: 10000
            ),
            WireTemplateSpec(
                id: "TL-\(digits)-102", name: "Default Activation Template", title: "Welcome to \(product)",
                scope: "asset", type: "fulfillment", body: "# Welcome\n\nYour **\(product)** subscription is active.",
                position: 10100
            ),
            WireTemplateSpec(
                id: "TL-\(digits)-103", name: "More information needed", title: "Please complete your order",
                scope: "asset", type: "inquire", body: "We need more information to process your request.",
                position: 20000
            ),
            WireTemplateSpec(
                id: "TL-\(digits)-104", name: "Reseller notice", title: "A customer subscription changed",
                scope: "tier1", type: "fulfillment", body: "A subscription of one of your customers changed.",
                position: 30000
            ),
        ]
    }

    static let cloudBackup = ProductSpec(
        id: "PRD-276-377-545", name: "Cloud Backup Pro",
        items: [
            Item(
                mpn: "CBP-STOR-100", displayName: "Backup Storage 100 GB", unit: "Gb", period: "Monthly",
                itemType: "Reservation"),
            Item(
                mpn: "CBP-AGENT", displayName: "Backup Agent", unit: "unit", period: "Monthly",
                itemType: "Reservation"),
            Item(
                mpn: "CBP-RESTORE", displayName: "Restore Operations", unit: "unit", period: "Monthly",
                itemType: "PPU"),
        ],
        parameters: [
            emailParam(),
            Parameter(
                id: "backup_region", title: "Backup region", description: "Data centre holding the backups",
                type: "choice", phase: "ordering", required: true),
            subscriptionParam(),
            Parameter(
                id: "tenant_url", title: "Tenant URL", description: "Console address of the tenant",
                type: "url", phase: "fulfillment", required: false),
        ],
        templates: templates("276-377", "Cloud Backup Pro")
    )

    static let secureMail = ProductSpec(
        id: "PRD-418-902-113", name: "Secure Mail Suite",
        items: [
            Item(mpn: "SMS-MAILBOX", displayName: "Mailbox", unit: "seat", period: "Yearly", itemType: "Reservation"),
            Item(
                mpn: "SMS-ARCHIVE", displayName: "Archive Add-on", unit: "seat", period: "Yearly",
                itemType: "Reservation"),
        ],
        parameters: [
            emailParam(),
            Parameter(
                id: "primary_domain", title: "Primary mail domain", description: "The customer's mail domain",
                type: "domain", phase: "ordering", required: true),
            subscriptionParam(),
            Parameter(
                id: "admin_login", title: "Administrator login", description: "First administrator account",
                type: "text", phase: "fulfillment", required: false),
        ],
        templates: templates("418-902", "Secure Mail Suite")
    )

    static let teamChat = ProductSpec(
        id: "PRD-530-551-886", name: "Team Chat Enterprise",
        items: [
            Item(mpn: "TCE-SEAT", displayName: "Chat Seat", unit: "seat", period: "Monthly", itemType: "Reservation"),
            Item(
                mpn: "TCE-VOICE", displayName: "Voice Add-on", unit: "seat", period: "Monthly",
                itemType: "Reservation"),
        ],
        parameters: [
            emailParam(),
            Parameter(
                id: "workspace_name", title: "Workspace name", description: "Name shown to the members",
                type: "text", phase: "ordering", required: true),
            subscriptionParam(),
        ],
        templates: templates("530-551", "Team Chat Enterprise")
    )

    static let devOps = ProductSpec(
        id: "PRD-845-221-690", name: "DevOps Pipelines",
        items: [
            Item(mpn: "DOP-MINUTES", displayName: "Build Minutes", unit: "minute", period: "Monthly", itemType: "PPU"),
            Item(
                mpn: "DOP-RUNNER", displayName: "Parallel Runner", unit: "unit", period: "Monthly",
                itemType: "Reservation"),
            Item(
                mpn: "DOP-STORAGE", displayName: "Artifact Storage", unit: "Gb", period: "Monthly",
                itemType: "Reservation"),
        ],
        parameters: [
            emailParam(),
            Parameter(
                id: "org_slug", title: "Organisation slug", description: "URL-safe organisation name",
                type: "text", phase: "ordering", required: true),
            subscriptionParam(),
        ],
        templates: templates("845-221", "DevOps Pipelines")
    )

    static let faxGateway = ProductSpec(
        id: "PRD-999-999-999", name: "Legacy Fax Gateway",
        items: [
            Item(mpn: "LFG-LINE", displayName: "Fax Line", unit: "line", period: "Monthly", itemType: "Reservation")
        ],
        parameters: [emailParam(), subscriptionParam()],
        templates: templates("999-999", "Legacy Fax Gateway")
    )
}
