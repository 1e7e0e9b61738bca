import ConnectSandbox
import ConnectWire
import Testing

@Suite("Paging and Content-Range")
struct PagingTests {
    @Test func limitAboveThePageCapIsSilentlyCapped() async throws {
        var options = SandboxOptions()
        options.requests = 80
        options.pageCap = 25
        try await withLiveSandbox(options) { http in
            let query = "/requests?and(eq(type,cancel),eq(status,pending))&limit=100"
            let reply = try await http.connect("GET", query + "&offset=0")
            #expect(reply.status == 200)
            let page = try reply.decode([WireRequest].self)
            #expect(page.count == 25)
            let total = 80 + 3
            #expect(reply.header("content-range") == "items 0-24/\(total)")
            let second = try await http.connect("GET", query + "&offset=25")
            #expect(second.header("content-range") == "items 25-49/\(total)")
            let secondIDs = Set(try second.decode([WireRequest].self).map(\.id))
            #expect(secondIDs.isDisjoint(with: page.map(\.id)))
        }
    }

    @Test func limitZeroAnswersOnlyTheCount() async throws {
        try await withLiveSandbox { http in
            let reply = try await http.connect("GET", "/requests?status=pending&type=cancel&limit=0")
            #expect(reply.status == 200)
            #expect(reply.text == "[]")
            #expect(reply.header("content-range") == "items 0-0/63")
        }
    }

    @Test func emptyResultsAndOffsetsPastTheEnd() async throws {
        try await withLiveSandbox { http in
            let empty = try await http.connect("GET", "/requests?eq(status,revoked)")
            #expect(empty.text == "[]")
            #expect(empty.header("content-range") == "items 0-0/0")
            let past = try await http.connect("GET", "/requests?eq(type,cancel)&offset=100000")
            #expect(past.text == "[]")
            let range = try #require(ContentRange(header: past.header("content-range") ?? ""))
            #expect(range.total > 0)
        }
    }

    @Test func defaultLimitIsOneHundred() async throws {
        var options = SandboxOptions()
        options.requests = 150
        options.pageCap = 1000
        try await withLiveSandbox(options) { http in
            let reply = try await http.connect("GET", "/requests?select(-asset)")
            #expect(try reply.decode([WireRequest].self).count == 100)
            #expect(reply.header("content-range")?.hasPrefix("items 0-99/") == true)
        }
    }

    @Test func concurrentPagersSeeEveryRequestOnce() async throws {
        var options = SandboxOptions()
        options.requests = 3000
        try await withLiveSandbox(options) { http in
            let pages = try await withThrowingTaskGroup(of: [String].self) { group in
                for pager in 0..<4 {
                    group.addTask {
                        var ids: [String] = []
                        var offset = pager * 100
                        while offset < 3000 {
                            let products = SandboxCatalog.productIDs.joined(separator: ",")
                            let filter = "and(eq(type,cancel),in(asset.product.id,(\(products))),eq(status,pending))"
                            let reply = try await http.connect(
                                "GET", "/requests?\(filter)&ordering(created)&limit=100&offset=\(offset)"
                            )
                            ids += try reply.decode([WireRequest].self).map(\.id)
                            offset += 400
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(pages.count == 3000)
            #expect(Set(pages).count == 3000)
        }
    }

    @Test func officialPagingLoopCollectsAllPendingCancels() async throws {
        var options = SandboxOptions()
        options.requests = 250
        try await withLiveSandbox(options) { http in
            let ids = try await http.pendingCancelIDs()
            #expect(ids.count == 250 + 3 + 2)
            #expect(Set(ids).count == ids.count)
        }
    }
}
