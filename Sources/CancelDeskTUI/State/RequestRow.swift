public import CancelDeskCore
public import Foundation

/// One list row, built once when a snapshot arrives: every field already sanitized and capped, so drawing a
/// row never sanitizes again.
public struct RequestRow: Sendable, Equatable {
    /// The request id exactly as Connect sent it (what commands use).
    public let id: String
    /// The request id as drawn.
    public let idText: String
    public let customer: String
    public let product: String
    /// The product id exactly as Connect sent it (looks up the approve template).
    public let productID: String
    /// The vendor subscription id as drawn; empty when the parameter is missing or empty.
    public let subscription: String
    public let environment: ConnectionType
    public let marketplace: String
    public let assignee: String
    public let created: Date
    /// The request's SLI days, when Connect sent an SLI (the list sorts by it).
    public let sliDays: Int?
    /// True when the sanitizer replaced something in any field of the request (the row shows `!`).
    public let flagged: Bool

    /// Builds the row of `request`; `subscriptionParameter` names the parameter holding the vendor id; `pool`,
    /// when given, shares the labels that repeat across rows (customer, product, marketplace, assignee).
    public init(_ request: FulfillmentRequest, subscriptionParameter: String, pool: StringPool? = nil) {
        var flagged = false
        func take(_ raw: String, shared: Bool = false) -> String {
            let (text, altered) = SafeText.line(raw, limit: SafeText.rowLimit)
            if altered { flagged = true }
            guard shared, let pool else { return text }
            return pool.intern(text)
        }
        let customer = request.asset.tiers.customer
        let marketplace = request.marketplace ?? request.asset.marketplace
        id = request.id
        idText = take(request.id)
        self.customer = take(Self.label(name: customer?.name, id: customer?.id), shared: true)
        product = take(Self.label(name: request.asset.product.name, id: request.asset.product.id), shared: true)
        productID = pool?.intern(request.asset.product.id) ?? request.asset.product.id
        subscription = take(request.parameter(id: subscriptionParameter)?.value ?? "")
        environment = request.asset.connection.type
        self.marketplace = take(Self.label(name: marketplace?.name, id: marketplace?.id), shared: true)
        assignee = take(request.assignee.label, shared: true)
        created = request.created
        sliDays = request.sli?.days
        self.flagged = flagged || Self.hasHostileDetail(request)
    }

    /// The short environment label drawn in the list (`prod`, `test`, `prev`).
    public var environmentLabel: String {
        switch environment {
        case .production: "prod"
        case .test: "test"
        case .preview: "prev"
        case .unknown(let value): SafeText.clean(String(value.prefix(4)))
        }
    }

    /// The fields `/` searches, in the order ``FilterField`` numbers them: every listed field, then the ids
    /// behind the names (customer, product, marketplace, subscription) and every part of the assignee, sanitized.
    func searchFields(_ request: FulfillmentRequest) -> [String] {
        let customer = request.asset.tiers.customer
        let marketplace = request.marketplace ?? request.asset.marketplace
        var who = ""
        if case .user(let id, let name, let email) = request.assignee {
            who = [id, name, email].compactMap { $0 }.joined(separator: " ")
        }
        let ids = [customer?.id ?? "", request.asset.product.id, marketplace?.id ?? "", request.asset.id, who]
            .map { SafeText.clean($0, limit: SafeText.rowLimit) }
        return [idText, self.customer, product, subscription, environment.wireValue, self.marketplace, assignee] + ids
    }

    private static func label(name: String?, id: String?) -> String {
        if let name, !name.isEmpty { return name }
        return id ?? ""
    }

    /// Whether a field shown only in the detail view (parameters, contacts, notes) holds something the
    /// sanitizer would replace: the row is flagged for those too, so tampering is visible from the list.
    private static func hasHostileDetail(_ request: FulfillmentRequest) -> Bool {
        func hostile(_ text: String) -> Bool {
            !SafeText.isPrintableASCII(text) && text.unicodeScalars.contains(where: TextSanitizer.isDangerous)
                && SafeText.lines(text).altered
        }
        if hostile(request.note) || hostile(request.asset.externalID) || hostile(request.asset.id) { return true }
        if request.asset.params.contains(where: { hostile($0.value) || hostile($0.name) || hostile($0.title) }) {
            return true
        }
        if request.asset.items.contains(where: { hostile($0.displayName) || hostile($0.mpn) }) { return true }
        let tiers = [request.asset.tiers.customer, request.asset.tiers.tier1, request.asset.tiers.tier2]
        for (index, account) in tiers.enumerated() {
            guard let account else { continue }
            // The customer's name is a list column, already checked.
            if (index > 0 && hostile(account.name)) || hostile(account.externalID) { return true }
            if let info = account.contactInfo {
                let fields = [
                    info.addressLine1, info.addressLine2, info.city, info.state, info.postalCode, info.country,
                ]
                if fields.contains(where: hostile) { return true }
                if let contact = info.contact,
                    [contact.firstName, contact.lastName, contact.email, contact.phone].contains(where: hostile)
                {
                    return true
                }
            }
        }
        return false
    }
}
