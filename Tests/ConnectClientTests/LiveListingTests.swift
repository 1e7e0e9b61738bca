import CancelDeskCore
import ConnectClient
import ConnectSandbox
import Testing

@Suite struct LiveListingTests {
    static let scope = QueueScope(products: SandboxCatalog.productIDs)

    @Test func pagesThroughMoreThan250RequestsWithAPageCapBelowTheLimit() async throws {
        var options = SandboxOptions()
        options.requests = 263
        options.pageCap = 40
        try await SandboxControl.with(options) { sandbox in
            let snapshot = try await sandbox.client(pageSize: 100).pendingCancelRequests(in: Self.scope)
            #expect(snapshot.reportedTotal == 263)
            #expect(snapshot.requests.count == 263)
            #expect(Set(snapshot.requests.map(\.id)).count == 263)
            #expect(snapshot.requests.allSatisfy { $0.type == .cancel && $0.status == .pending })
            let created = snapshot.requests.map(\.created)
            #expect(created == created.sorted(), "ordering(created) is kept across concurrent pages")
            #expect(snapshot.skipped.isEmpty)
        }
    }

    @Test func aListingKeepsOneRowPerRequestInTheSnapshotsOrder() async throws {
        var options = SandboxOptions()
        options.requests = 263
        options.pageCap = 40
        try await SandboxControl.with(options) { sandbox in
            let client = sandbox.client(pageSize: 100)
            let snapshot = try await client.pendingCancelRequests(in: Self.scope)
            let listing = try await client.pendingCancelRequests(in: Self.scope) { request in
                "\(request.id) \(request.asset.product.id)"
            }
            #expect(listing.rows.count == 263)
            #expect(listing.rows == snapshot.requests.map { "\($0.id) \($0.asset.product.id)" })
            #expect(listing.reportedTotal == snapshot.reportedTotal)
            #expect(listing.skipped == snapshot.skipped)
            // Out of scope rows are left out, not kept.
            let narrow = QueueScope(products: SandboxCatalog.productIDs, environments: [.production])
            let production = try await client.pendingCancelRequests(in: narrow) { $0.asset.connection.type }
            #expect(!production.rows.isEmpty && production.rows.allSatisfy { $0 == .production })
        }
    }

    @Test func onePageAndAnEmptyQueueWork() async throws {
        var options = SandboxOptions()
        options.requests = 7
        try await SandboxControl.with(options) { sandbox in
            let snapshot = try await sandbox.client().pendingCancelRequests(in: Self.scope)
            #expect(snapshot.requests.count == 7)
            let none = try await sandbox.client().pendingCancelRequests(in: QueueScope(products: ["PRD-000-000-000"]))
            #expect(none.requests.isEmpty)
            #expect(none.reportedTotal == 0)
        }
    }

    @Test func theScopeNarrowsByConnectionType() async throws {
        try await SandboxControl.with { sandbox in
            let all = try await sandbox.client().pendingCancelRequests(in: Self.scope)
            let production = try await sandbox.client().pendingCancelRequests(
                in: QueueScope(products: SandboxCatalog.productIDs, environments: [.production]))
            #expect(!production.requests.isEmpty)
            #expect(production.requests.count < all.requests.count)
            #expect(production.requests.allSatisfy { $0.asset.connection.type == .production })
            #expect(production.requests.count == all.requests.filter { $0.asset.connection.type == .production }.count)
        }
    }

    @Test func aGETRetriesThrough5xxAnd429WithRetryAfter() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let id = try #require(try await client.pendingCancelRequests(in: Self.scope).requests.first?.id)
            try await sandbox.script([
                .init(method: "GET", pathPrefix: "/public/v1/requests/", status: 503, count: 2),
                .init(method: "GET", pathPrefix: "/public/v1/requests/", status: 429, retryAfter: "1", count: 1),
            ])
            let before = try await sandbox.stats()
            let started = ContinuousClock.now
            let request = try await client.request(id: id)
            let waited = ContinuousClock.now - started
            #expect(request.id == id)
            let after = try await sandbox.stats()
            #expect(after.responses5xx - before.responses5xx == 2)
            #expect(after.responses429 - before.responses429 == 1)
            #expect(waited >= .seconds(1), "Retry-After: 1 was honoured")
        }
    }

    @Test func aReadTimeoutIsRetried() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client(totalTimeout: .milliseconds(1_500))
            let id = try #require(try await client.pendingCancelRequests(in: Self.scope).requests.first?.id)
            try await sandbox.script([
                .init(method: "GET", pathPrefix: "/public/v1/requests/", status: 200, delayMs: 4_000)
            ])
            #expect(try await client.request(id: id).id == id)
        }
    }

    @Test func aWrongKeyIsUnauthorizedAndNotRetried() async throws {
        try await SandboxControl.with { sandbox in
            let before = try await sandbox.stats()
            let error = await #expect(throws: ServiceError.self) {
                try await sandbox.client(key: "ApiKey SU-000-000-000:wrong").authContext()
            }
            #expect(error?.kind == .unauthorized)
            #expect(error?.code == "AUTH_001")
            #expect(error?.description.contains("wrong") == false)
            let after = try await sandbox.stats()
            #expect(after.responses4xx - before.responses4xx == 1)
        }
    }

    @Test func authContextAndTemplatesRead() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let context = try await client.authContext()
            #expect(!context.accountID.isEmpty)
            let product = try #require(SandboxCatalog.productIDs.first)
            let templates = try await client.templates(productID: product)
            #expect(
                templates.contains {
                    $0.id == SandboxCatalog.templateID(forProduct: product) && $0.kind == .fulfillment
                })
        }
    }
}
