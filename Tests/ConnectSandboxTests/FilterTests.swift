import ConnectSandbox
import ConnectWire
import Foundation
import Testing

/// RQL filtering end to end, counted through `Content-Range` totals.
@Suite("Request filtering")
struct FilterTests {
    static let options: SandboxOptions = {
        var options = SandboxOptions()
        options.requests = 400
        options.seed = 7
        return options
    }()

    func total(_ http: SandboxHTTP, _ query: String) async throws -> Int {
        let reply = try await http.connect("GET", "/requests?\(query)&limit=0")
        #expect(reply.status == 200, "\(query): \(reply.text)")
        #expect(reply.text == "[]")
        return try #require(ContentRange(header: reply.header("content-range") ?? "")).total
    }

    @Test func pendingCancelsIncludeForeignProductNoise() async throws {
        try await withLiveSandbox(Self.options) { http in
            let pending = try await total(http, "and(eq(type,cancel),eq(status,pending))")
            let foreign = try await total(
                http, "and(eq(type,cancel),eq(status,pending),eq(asset.product.id,\(SandboxCatalog.foreignProductID)))"
            )
            let products = SandboxCatalog.productIDs.joined(separator: ",")
            let served = try await total(
                http, "and(eq(type,cancel),eq(status,pending),in(asset.product.id,(\(products))))"
            )
            #expect(served == 400)
            #expect(foreign == 3 + 400 / 100)
            #expect(pending == served + foreign)
            let all = try await total(http, "")
            #expect(all > pending, "noise records (purchases, changes, closed cancels) exist")
        }
    }

    @Test func shortFormsMatchRQLForms() async throws {
        try await withLiveSandbox(Self.options) { http in
            let rql = try await total(http, "and(eq(type,cancel),eq(status,pending))")
            #expect(try await total(http, "status=pending&type=cancel") == rql)
            #expect(try await total(http, "status=eq=pending&type=eq=cancel") == rql)
            #expect(try await total(http, "eq(type,cancel)&eq(status,pending)") == rql)
            #expect(try await total(http, "and(eq(type,cancel),not(ne(status,pending)))") == rql)
        }
    }

    @Test func likeIlikeInOutAndNull() async throws {
        try await withLiveSandbox(Self.options) { http in
            let backup = try await total(http, "eq(asset.product.id,PRD-276-377-545)")
            #expect(backup > 0)
            #expect(try await total(http, "like(asset.product.name,Cloud*)") == backup)
            #expect(try await total(http, "ilike(asset.product.name,*BACKUP*)") == backup)
            #expect(try await total(http, "like(asset.product.name,cloud*)") == 0)
            #expect(try await total(http, "eq(asset.product.name,%22Cloud%20Backup%20Pro%22)") == backup)
            #expect(try await total(http, "eq(product_id,PRD-276-377-545)") == backup)

            let mail = try await total(http, "eq(asset.product.id,PRD-418-902-113)")
            let both = try await total(http, "in(asset.product.id,(PRD-276-377-545,PRD-418-902-113))")
            #expect(both == backup + mail)
            let all = try await total(http, "")
            #expect(try await total(http, "out(asset.product.id,(PRD-276-377-545,PRD-418-902-113))") == all - both)

            let unassigned = try await total(http, "eq(assignee,null())")
            let assigned = try await total(http, "ne(assignee,null())")
            #expect(assigned > 0 && unassigned > 0)
            #expect(assigned + unassigned == all)

            var byType = 0
            for type in ["preview", "test", "production"] {
                let count = try await total(http, "eq(asset.connection.type,\(type))")
                #expect(count > 0, "connection type \(type) is seeded")
                byType += count
            }
            #expect(byType == all)
        }
    }

    @Test func parameterAndTierFields() async throws {
        try await withLiveSandbox(Self.options) { http in
            let request = try await firstPending(http)
            let subscription = try #require(request.asset?.params?.first { $0.id == "subscription_id" }?.value)
            #expect(subscription.hasPrefix("SUB-"))
            let reply = try await http.connect("GET", "/requests?eq(asset.params.value,\(subscription))")
            #expect(try reply.decode([WireRequest].self).map(\.id) == [request.id])
            let customer = try #require(request.asset?.tiers?.customer?.id)
            #expect(try await total(http, "eq(asset.tiers.customer.id,\(customer))") >= 1)
            let market = try #require(request.marketplace?.id)
            let byMarket = try await total(http, "eq(marketplace.id,\(market))")
            #expect(try await total(http, "eq(asset.marketplace.id,\(market))") == byMarket)
            #expect(try await total(http, "eq(id,\(request.id))") == 1)
            #expect(try await total(http, "eq(asset.id,\(request.asset?.id ?? "-"))") == 1)
        }
    }

    @Test func orderingAndDateComparisons() async throws {
        try await withLiveSandbox(Self.options) { http in
            let newest = try await http.connect("GET", "/requests?ordering(-created)&limit=5&select(-asset)")
                .decode([WireRequest].self)
            let oldest = try await http.connect("GET", "/requests?ordering(created)&limit=5&select(-asset)")
                .decode([WireRequest].self)
            let newestTimes = newest.compactMap { $0.created.flatMap(ISOStamp.parse) }
            let oldestTimes = oldest.compactMap { $0.created.flatMap(ISOStamp.parse) }
            #expect(newestTimes.count == 5 && oldestTimes.count == 5)
            #expect(newestTimes == newestTimes.sorted(by: >))
            #expect(oldestTimes == oldestTimes.sorted())
            #expect(oldestTimes.last! < newestTimes.last!)
            let pivot = try #require(newest.last?.created)
            let encoded = pivot.replacing("+", with: "%2B")
            #expect(try await total(http, "ge(created,\(encoded))") == 5)
            #expect(try await total(http, "ge(created,\(pivot))") == 5)
        }
    }

    @Test func malformedRQLIsA400WithEnvelope() async throws {
        try await withLiveSandbox(Self.options) { http in
            let reply = try await http.connect("GET", "/requests?and(eq(type,cancel)")
            #expect(reply.status == 400)
            let error = try reply.decode(WireError.self)
            #expect(!error.errorCode.isEmpty && !error.errors.isEmpty)
        }
    }
}

/// Test-side timestamp parsing (independent of the sandbox's own).
enum ISOStamp {
    static func parse(_ text: String) -> String? {
        // Comparable as text once normalised to microseconds, since every sandbox timestamp is +00:00.
        guard text.hasSuffix("+00:00") else { return nil }
        let base = String(text.dropLast(6))
        let parts = base.split(separator: ".", maxSplits: 1)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction.padding(toLength: 6, withPad: "0", startingAt: 0)
    }
}
