import ConnectWire

/// The immutable reference data behind the seeded requests: accounts, products, marketplaces, connections.
///
/// Records point into these arrays by index, so 100,000 requests share a few hundred account objects.
/// A class, so that passing it around does not copy (and retain) every array.
final class SeedCatalog: Sendable {
    let customers: [WireTier]
    /// Indices of the hostile customers (terminal escapes, bidi, 5,000 characters), in `SeedNames` order.
    let hostileCustomers: [Int]
    let resellers: [WireTier]
    let distributors: [WireTier]
    /// Marketplace index of each customer, so requests land in the customer's marketplace.
    let customerMarketplace: [Int]
    /// Each customer's contact e-mail and its domain (seeded into parameters).
    let customerEmails: [String]
    let customerDomains: [String]
    /// Reseller indices by marketplace index.
    let resellersByMarketplace: [[Int]]
    let products: [ProductSpec]
    let productRefs: [WireProduct]
    let marketplaces: [WireReference]
    let contracts: [WireReference]
    /// `[product][connection type]`.
    let connections: [[WireConnection]]
    let templates: [[WireTemplate]]

    static let vendorRef = WireReference(id: "VA-000-000", name: "Sandbox Vendor")

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed, stream: 0xACC0)
        let suffixes = ["", " Holding", " Services", " Group", " Labs", " International", " Digital", " Solutions"]
        var customers: [WireTier] = []
        var customerMarketplace: [Int] = []
        var serial: UInt64 = 1
        for suffix in suffixes {
            for base in SeedNames.customers {
                customers.append(Self.tier(base, company: base.company + suffix, type: "customer", serial, &random))
                customerMarketplace.append(base.marketplace)
                serial += 1
            }
        }
        var hostile: [Int] = []
        for (offset, company) in SeedNames.hostileCompanies.enumerated() {
            let base = SeedNames.customers[offset % SeedNames.customers.count]
            hostile.append(customers.count)
            customers.append(Self.tier(base, company: company, type: "customer", serial, &random))
            customerMarketplace.append(base.marketplace)
            serial += 1
        }
        self.customers = customers
        self.customerMarketplace = customerMarketplace
        self.customerEmails = customers.map { $0.contactInfo?.contact?.email ?? "admin@customer.example" }
        self.customerDomains = customerEmails.map { String($0.split(separator: "@").last ?? "customer.example") }
        self.resellersByMarketplace = SeedNames.marketplaces.indices.map { market in
            SeedNames.resellers.indices.filter { SeedNames.resellers[$0].marketplace == market }
        }
        self.hostileCustomers = hostile
        self.resellers = SeedNames.resellers.enumerated().map { offset, base in
            Self.tier(base, company: base.company, type: "reseller", 9000 + UInt64(offset), &random)
        }
        self.distributors = SeedNames.distributors.enumerated().map { offset, base in
            Self.tier(base, company: base.company, type: "distributor", 9500 + UInt64(offset), &random)
        }
        self.products = ProductSpec.all
        self.productRefs = ProductSpec.all.map { product in
            WireProduct(
                id: product.id, name: product.name, status: "published",
                icon: "/media/VA-000-000/\(product.id)/media/\(product.id)-logo.png"
            )
        }
        self.marketplaces = SeedNames.marketplaces.map { market in
            WireReference(
                id: market.id, name: market.name, icon: "/media/PA-800-926/marketplaces/\(market.id)/icon.png"
            )
        }
        self.contracts = SeedNames.marketplaces.map { WireReference(id: $0.contractID, name: $0.contractName) }
        self.connections = ProductSpec.all.enumerated().map { offset, _ in
            ConnectionType.allCases.map { type in Self.connection(product: offset, type: type) }
        }
        self.templates = ProductSpec.all.map { product in
            product.templates.map { spec in
                WireTemplate(
                    id: spec.id, name: spec.name, title: spec.title, scope: spec.scope, type: spec.type,
                    body: spec.body, position: spec.position
                )
            }
        }
    }

    private static func connection(product: Int, type: ConnectionType) -> WireConnection {
        let provider = WireReference(id: "PA-800-926", name: "Sandbox Provider")
        switch type {
        case .preview:
            return WireConnection(
                id: "CT-0000-0000-0000", type: type.rawValue, provider: provider, vendor: vendorRef,
                hub: WireReference(id: "HB-0000-0000", name: "None")
            )
        case .test, .production:
            let digits = 1000 + product * 37 + (type == .test ? 500 : 0)
            return WireConnection(
                id: "CT-\(digits)-\(4417 + product)-\(type == .test ? 2201 : 8803)", type: type.rawValue,
                provider: provider, vendor: vendorRef,
                hub: WireReference(
                    id: "HB-\(3120 + product)-\(type == .test ? 7001 : 9402)",
                    name: type == .test ? "Sandbox Test Hub" : "Sandbox Production Hub")
            )
        }
    }

    private static func tier(
        _ base: SeedNames.Account, company: String, type: String, _ serial: UInt64, _ random: inout SplitMix64
    ) -> WireTier {
        let number = SplitMix64.mix(serial &* 0x9E37_79B9) % 1_000_000_000_000
        let id = "TA-" + Digits.grouped(number, [4, 4, 4])
        let market = SeedNames.marketplaces[base.marketplace]
        let phone = WireContactInfo(
            addressLine1: base.street, addressLine2: random.chance(0.3) ? "Floor \(random.int(in: 1...30))" : "",
            city: base.city, state: base.state, postalCode: base.postalCode, country: base.country,
            contact: WireContact(
                firstName: base.firstName, lastName: base.lastName,
                email: "contact\(serial)@\(base.emailDomain)",
                phoneNumber: WirePhoneNumber(
                    countryCode: market.countryCode, areaCode: String(random.int(in: 20...899)),
                    phoneNumber: String(random.int(in: 1_000_000...9_999_999)), extensionNumber: ""
                )
            )
        )
        return WireTier(
            id: id, externalID: String(random.int(in: 10000...99999)), externalUID: Digits.uuid(&random), type: type,
            name: company, taxID: "VAT" + String(random.int(in: 10_000_000...99_999_999)), contactInfo: phone
        )
    }
}

/// Digit and id formatting helpers for seeded identifiers.
enum Digits {
    /// `number` as zero-padded decimal groups joined by dashes, e.g. `[4, 4, 4]` → `8055-3268-5577`.
    static func grouped(_ number: UInt64, _ widths: [Int]) -> String {
        var total = 0
        for index in 0..<widths.count { total += widths[index] }
        var output = [UInt8](repeating: UInt8(ascii: "-"), count: total + widths.count - 1)
        var rest = number
        var position = output.count - 1
        var group = widths.count - 1
        var left = widths[group]
        while position >= 0 {
            if left == 0 {
                position -= 1
                group -= 1
                left = widths[group]
                continue
            }
            output[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            left -= 1
            position -= 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Upper-case hexadecimal, zero-padded to `width`.
    static func hex(_ number: UInt64, width: Int) -> String {
        let text = String(number, radix: 16, uppercase: true)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// A random-looking, deterministic version-4 UUID string.
    static func uuid(_ random: inout SplitMix64) -> String {
        let high = random.next()
        let low = random.next()
        let part1 = hex(high >> 32, width: 8)
        let part2 = hex((high >> 16) & 0xFFFF, width: 4)
        let part3 = hex(0x4000 | (high & 0x0FFF), width: 4)
        let part4 = hex(0x8000 | ((low >> 48) & 0x3FFF), width: 4)
        let part5 = hex(low & 0xFFFF_FFFF_FFFF, width: 12)
        return (part1 + "-" + part2 + "-" + part3 + "-" + part4 + "-" + part5).lowercased()
    }
}
