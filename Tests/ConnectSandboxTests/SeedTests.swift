import ConnectWire
import Foundation
import Testing

@testable import ConnectSandbox

@Suite("Seeded data")
struct SeedTests {
    static let firstPage = "/requests?and(eq(type,cancel),eq(status,pending))&ordering(created)&limit=20"

    @Test func sameSeedSameFirstPageOtherSeedOtherPage() async throws {
        func page(_ seed: UInt64) async throws -> String {
            var options = SandboxOptions()
            options.seed = seed
            return try await withLiveSandbox(options) { http in try await http.connect("GET", Self.firstPage).text }
        }
        let first = try await page(42)
        #expect(first.count > 1000)
        #expect(try await page(42) == first)
        #expect(try await page(43) != first)
    }

    @Test func everyRequestDecodesAndIsSpecShaped() async throws {
        var options = SandboxOptions()
        options.requests = 300
        try await withLiveSandbox(options) { http in
            var all: [WireRequest] = []
            var offset = 0
            while true {
                let reply = try await http.connect("GET", "/requests?limit=100&offset=\(offset)")
                let page = try reply.decode([WireRequest].self)
                all += page
                if page.count < 100 { break }
                offset += 100
            }
            #expect(all.count > 300)
            let idShape = /PR-\d{4}-\d{4}-\d{4}-\d{3}/
            #expect(all.allSatisfy { (try? idShape.wholeMatch(in: $0.id)) != nil })
            #expect(all.allSatisfy { $0.created?.hasSuffix("+00:00") == true })
            #expect(all.allSatisfy { $0.updated?.hasSuffix("+00:00") == true })
            #expect(all.contains { $0.created?.contains(".") == true })
            #expect(all.contains { $0.created?.contains(".") == false })
            #expect(Set(all.compactMap(\.type)) == ["cancel", "purchase", "change"])
            #expect(Set(all.compactMap(\.asset?.connection?.type)) == ["preview", "test", "production"])
            #expect(Set(all.compactMap(\.marketplace?.id)).count >= 4)
            #expect(all.allSatisfy { ($0.asset?.items?.count ?? 0) >= 1 && ($0.asset?.items?.count ?? 0) <= 3 })
            #expect(all.allSatisfy { $0.asset?.items?.allSatisfy { Int($0.quantity ?? "") != nil } == true })
            #expect(all.contains { $0.asset?.tiers?.tier2 == WireTier() })
            let phases = Set(all.flatMap { $0.asset?.params ?? [] }.compactMap(\.phase))
            #expect(phases == ["ordering", "fulfillment"])
            for request in all where request.type == "cancel" && request.status == "pending" {
                #expect(request.asset?.status == "terminating")
            }
            let names = all.compactMap(\.asset?.tiers?.customer?.name).joined()
            let scalars = names.unicodeScalars.map(\.value)
            #expect(scalars.contains { (0x0400...0x04FF).contains($0) }, "Cyrillic")
            #expect(scalars.contains { (0x0370...0x03FF).contains($0) }, "Greek")
            #expect(scalars.contains { (0x4E00...0x9FFF).contains($0) || (0x30A0...0x30FF).contains($0) }, "CJK")
            #expect(scalars.contains { (0x0600...0x06FF).contains($0) || (0x0590...0x05FF).contains($0) }, "RTL")
        }
    }

    @Test func hostileAndIncompleteRecordsArePendingCancels() async throws {
        try await withLiveSandbox { http in
            let reply = try await http.connect("GET", "/requests?and(eq(type,cancel),eq(status,pending))&limit=100")
            let pending = try reply.decode([WireRequest].self)
            let served = pending.filter { SandboxCatalog.productIDs.contains($0.asset?.product?.id ?? "") }
            let customerNames = served.compactMap(\.asset?.tiers?.customer?.name)
            #expect(customerNames.contains { $0.contains("\u{1b}]0;pwned\u{07}") })
            #expect(customerNames.contains { $0.contains("\u{1b}[2J") })
            #expect(customerNames.contains { $0.contains("\u{202E}") })
            #expect(customerNames.contains { $0.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } })
            #expect(customerNames.contains { $0.count == 5000 })
            let values = served.flatMap { $0.asset?.params ?? [] }.compactMap(\.value)
            #expect(values.contains { $0.contains("\u{1b}[") })
            let subscriptionValues = served.map { $0.asset?.params?.first { $0.id == "subscription_id" }?.value }
            #expect(subscriptionValues.contains { $0 == nil }, "one request lacks subscription_id")
            #expect(subscriptionValues.contains { $0 == "" }, "one request has an empty subscription_id")
        }
    }

    @Test func largeQueueIsGeneratedWithUniqueIdentifiers() {
        let catalog = SeedCatalog(seed: 3)
        let output = SeedGenerator(seed: 3, pendingCancels: 100_000, catalog: catalog).generate()
        #expect(output.records.filter { $0.type == .cancel && $0.status == .pending }.count == 100_000 + 1003)
        #expect(Set(output.records.map(\.id)).count == output.records.count)
        #expect(Set(output.vendor.map(\.subscriptionID)).count == output.vendor.count)
        let created = output.records.map(\.created)
        #expect(created == created.sorted())
        #expect(created.last! < ISOTime.seedEpoch)
    }

    @Test func statsCountRequestsByStatus() async throws {
        try await withLiveSandbox { http in
            let before = try await http.stats()
            let total = try #require(
                ContentRange(
                    header: try await http.connect("GET", "/requests?limit=0")
                        .header("content-range") ?? "")
            ).total
            #expect(before.requestsByStatus.values.reduce(0, +) == total)
            let request = try await firstPending(http)
            let product = try #require(request.asset?.product?.id)
            _ = try await http.connect(
                "POST", "/requests/\(request.id)/approve",
                json: "{\"template_id\":\"\(SandboxCatalog.templateID(forProduct: product))\"}"
            )
            _ = try await http.connect("GET", "/requests", apiKey: nil)
            let after = try await http.stats()
            #expect(after.requestsByStatus["approved"] == (before.requestsByStatus["approved"] ?? 0) + 1)
            #expect(after.requestsByStatus["pending"] == (before.requestsByStatus["pending"] ?? 0) - 1)
            #expect(after.approveCalls == 1)
            #expect(after.responses4xx == before.responses4xx + 1)
        }
    }
}
