import ConnectWire

/// Deterministic generation of the seeded requests and vendor subscriptions.
struct SeedGenerator {
    /// What kind of record a slot holds.
    enum Kind: UInt8 {
        case pendingCancel, foreignCancel, closedCancel, other
    }

    /// Pending cancels with something special about them.
    enum Special: Equatable {
        case hostile(Int)
        case missingSubscription
        case emptySubscription
    }

    struct Output: Sendable {
        var records: [SandboxRecord]
        var vendor: [VendorSeed]
    }

    let seed: UInt64
    let pendingCancels: Int
    let catalog: SeedCatalog

    /// 42 days of history before `ISOTime.seedEpoch`.
    static let historySpan: Int64 = 42 * 86_400 * ISOTime.microsPerSecond

    func generate() -> Output {
        let requests = max(0, pendingCancels)
        var kinds = [Kind](repeating: .pendingCancel, count: requests)
        kinds += [Kind](repeating: .foreignCancel, count: 3 + requests / 100)
        kinds += [Kind](repeating: .closedCancel, count: 2 + requests / 20)
        kinds += [Kind](repeating: .other, count: 3 + requests / 10)
        var shuffler = SplitMix64(seed: seed, stream: 0x5EED)
        for index in stride(from: kinds.count - 1, to: 0, by: -1) {
            kinds.swapAt(index, shuffler.below(index + 1))
        }
        let specials = Self.specials(pendingCount: requests)
        var output = Output(records: [], vendor: [])
        output.records.reserveCapacity(kinds.count)
        output.vendor.reserveCapacity(kinds.count)
        let slot = Self.historySpan / Int64(max(kinds.count, 1))
        var pendingOrdinal = 0
        for (index, kind) in kinds.enumerated() {
            var random = SplitMix64(seed: seed, stream: UInt64(index))
            var special: Special?
            if kind == .pendingCancel {
                special = specials[pendingOrdinal]
                pendingOrdinal += 1
            }
            let jitterSeconds = max(1, Int(slot / ISOTime.microsPerSecond) - 1)
            let created =
                ISOTime.seedEpoch - Self.historySpan + Int64(index) * slot
                + Int64(random.below(jitterSeconds)) * ISOTime.microsPerSecond
                + (random.chance(0.35) ? Int64(random.int(in: 1...999_999)) : 0)
            let (record, vendor) = makeRecord(index: index, kind: kind, special: special, created: created, &random)
            output.records.append(record)
            if let vendor { output.vendor.append(vendor) }
        }
        return output
    }

    /// Which pending-cancel ordinals are special: spread evenly over the queue.
    static func specials(pendingCount: Int) -> [Int: Special] {
        let all: [Special] =
            (0..<SeedNames.hostileCompanies.count).map { .hostile($0) }
            + [.missingSubscription, .emptySubscription]
        var result: [Int: Special] = [:]
        for (offset, special) in all.enumerated() where pendingCount > 0 {
            let ordinal = (offset + 1) * pendingCount / (all.count + 1)
            if result[ordinal] == nil { result[ordinal] = special }
        }
        return result
    }

    /// A 12-digit, seed-dependent number unique per index (an affine bijection modulo 10^12).
    func digits(_ index: Int) -> UInt64 {
        let modulus: UInt64 = 1_000_000_000_000
        let offset = SplitMix64.mix(seed) % modulus
        let product = UInt64(index).multipliedFullWidth(by: 7_362_914_187)
        let reduced = modulus.dividingFullWidth((product.high, product.low)).remainder
        return (reduced + offset) % modulus
    }

    /// `SUB-XXXX-XXXX-XXXX`: unique per index (a bijection on 48 bits).
    func subscriptionID(_ index: Int) -> String {
        let mask: UInt64 = (1 << 48) - 1
        var value = (UInt64(index) ^ SplitMix64.mix(seed ^ 0x5AB5)) & mask
        value = (value &* 0x9E37_79B9_7F4B) & mask
        value ^= value >> 17
        value = (value &* 0x5851_F42D_4C95) & mask
        value ^= value >> 23
        return "SUB-" + Digits.hex(value >> 32, width: 4) + "-" + Digits.hex((value >> 16) & 0xFFFF, width: 4) + "-"
            + Digits.hex(value & 0xFFFF, width: 4)
    }

    private func makeRecord(
        index: Int, kind: Kind, special: Special?, created: Int64, _ random: inout SplitMix64
    ) -> (SandboxRecord, VendorSeed?) {
        let number = digits(index)
        let servedCount = ProductSpec.served.count
        let product = kind == .foreignCancel ? servedCount : random.below(servedCount)
        let connectionRoll = random.below(100)
        let connection: ConnectionType = connectionRoll < 70 ? .production : (connectionRoll < 85 ? .test : .preview)
        var customer = random.below(catalog.customers.count - catalog.hostileCustomers.count)
        if case .hostile(let which) = special { customer = catalog.hostileCustomers[which] }
        let marketplace = catalog.customerMarketplace[customer]
        let resellers = catalog.resellersByMarketplace[marketplace]
        let tier1 = resellers.isEmpty ? random.below(catalog.resellers.count) : random.pick(resellers)
        let tier2: Int? = random.chance(0.4) ? nil : random.below(catalog.distributors.count)

        let (type, status, assetStatus) = Self.lifecycle(kind, &random)
        let sequence = type == .purchase ? 1 : random.int(in: 2...3)
        let core = Digits.grouped(number, [4, 4, 4])
        let id = "PR-" + core + (sequence == 1 ? "-001" : (sequence == 2 ? "-002" : "-003"))
        let subscriptionID = subscriptionID(index)
        var params = parameterValues(
            product: product, customer: customer, subscriptionID: subscriptionID, special: special, &random
        )
        if type == .purchase && status != .approved {
            for position in params.indices where params[position].id == SandboxCatalog.subscriptionParameterID {
                params[position].value = ""
            }
        }
        let updated =
            created + Int64(status.isOpen ? random.int(in: 2...900) : random.int(in: 3600...200_000))
            * ISOTime.microsPerSecond + Int64(random.below(1_000_000))
        var record = SandboxRecord(
            id: id, assetID: "AS-" + core, digits: number,
            externalID: Self.externalID(&random), type: type, status: status, assetStatus: assetStatus,
            created: created, updated: updated, effectiveDate: status == .approved ? updated : nil,
            product: product, marketplace: marketplace, connection: connection, customer: customer, tier1: tier1,
            tier2: tier2, params: params, items: items(product: product, &random),
            templateID: status == .approved ? catalog.products[product].templates[0].id : nil,
            hasPreviousRequest: sequence > 1
        )
        if status == .failed {
            record.reason = random.pick([
                "Customer withdrew the cancellation request", "Subscription is within its minimum term",
            ])
        }
        if kind == .pendingCancel && random.chance(0.08) {
            let user = random.pick(SeedNames.users)
            record.assignee = user
        }
        if random.chance(0.03) { record.note = "Customer asked for the cancellation by phone." }
        if case .hostile(let which) = special {
            record.note = "Note \(which): " + SeedNames.hostileValues[(which + 1) % SeedNames.hostileValues.count]
        }
        return (record, vendorSeed(record: record, kind: kind, special: special, &random))
    }

    private static func lifecycle(
        _ kind: Kind, _ random: inout SplitMix64
    ) -> (RequestType, RequestStatus, AssetStatus) {
        switch kind {
        case .pendingCancel, .foreignCancel:
            return (.cancel, .pending, .terminating)
        case .closedCancel:
            return random.chance(0.7) ? (.cancel, .approved, .terminated) : (.cancel, .failed, .active)
        case .other:
            let type: RequestType = random.chance(0.6) ? .purchase : .change
            let roll = random.below(100)
            let status: RequestStatus =
                roll < 35 ? .pending : (roll < 80 ? .approved : (roll < 90 ? .failed : .inquiring))
            let asset: AssetStatus =
                type == .change
                ? .active
                : (status == .approved ? .active : (status == .failed ? .draft : .processing))
            return (type, status, asset)
        }
    }

    private func parameterValues(
        product: Int, customer: Int, subscriptionID: String, special: Special?, _ random: inout SplitMix64
    ) -> [ParamValue] {
        let email = catalog.customerEmails[customer]
        let domain = catalog.customerDomains[customer]
        let suffix = Digits.hex(random.next() & 0xFFFFFF, width: 6).lowercased()
        var values: [ParamValue] = []
        for parameter in catalog.products[product].parameters {
            let value: String
            switch parameter.id {
            case "customer_email": value = email
            case "backup_region": value = random.pick(SeedNames.backupRegions)
            case "primary_domain": value = domain
            case "workspace_name": value = catalog.customers[customer].name ?? "Workspace"
            case "org_slug": value = "org-" + suffix
            case "tenant_url": value = "https://t-\(suffix).backup.example"
            case "admin_login": value = "admin@" + domain
            case SandboxCatalog.subscriptionParameterID:
                if special == .missingSubscription { continue }
                value = special == .emptySubscription ? "" : subscriptionID
            default: value = ""
            }
            values.append(ParamValue(id: parameter.id, value: value))
        }
        if case .hostile(let which) = special, values.count > 1 {
            values[1].value = SeedNames.hostileValues[which]
        }
        return values
    }

    private func items(product: Int, _ random: inout SplitMix64) -> [ItemQuantity] {
        let specs = catalog.products[product].items
        let count = random.int(in: 1...min(3, specs.count))
        let start = random.below(specs.count)
        return (0..<count).map { offset in
            let item = (start + offset) % specs.count
            let quantity = specs[item].itemType == "PPU" ? 0 : random.int(in: 1...50)
            return ItemQuantity(item: item, quantity: quantity)
        }
    }

    private func vendorSeed(
        record: SandboxRecord, kind: Kind, special: Special?, _ random: inout SplitMix64
    ) -> VendorSeed? {
        guard let subscription = record.param(SandboxCatalog.subscriptionParameterID), !subscription.isEmpty else {
            return nil
        }
        if kind == .closedCancel && record.status == .approved {
            return VendorSeed(
                subscriptionID: subscription, behavior: .normal, cancelled: true, cancelledByRequest: record.id,
                cancelledAt: record.updated - 60 * ISOTime.microsPerSecond
            )
        }
        var behavior = VendorBehavior.normal
        var cancelled = false
        if (kind == .pendingCancel && special == nil) || kind == .foreignCancel {
            let roll = random.below(100)
            if roll < 3 {
                behavior = random.pick(VendorBehavior.permanentFailures)
            } else if roll < 7 {
                behavior = .transient(failures: random.int(in: 1...2))
            } else if roll < 10 {
                cancelled = true
            }
        }
        return VendorSeed(
            subscriptionID: subscription, behavior: behavior, cancelled: cancelled, cancelledByRequest: nil,
            cancelledAt: cancelled ? record.created - 3600 * ISOTime.microsPerSecond : nil
        )
    }

    private static let externalAlphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

    private static func externalID(_ random: inout SplitMix64) -> String {
        var bytes = [UInt8](repeating: 0, count: 10)
        for index in bytes.indices { bytes[index] = externalAlphabet[random.below(externalAlphabet.count)] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
