import CancelDeskCore
import ConnectClient
import ConnectSandbox
import Testing

/// Issue 12: canceldesk's own queries pass the sandbox's Connect rules, the listing's query can be run alone with
/// `limit=0`, and the templates are read across every page.
@Suite struct StrictSandboxTests {
    @Test(arguments: [
        QueueScope(products: SandboxCatalog.productIDs),
        QueueScope(products: SandboxCatalog.productIDs, environments: [.production]),
        QueueScope(products: [SandboxCatalog.productIDs[0]], environments: [.test, .preview], marketplaces: ["MP-1"]),
        QueueScope(products: ["PRD-with space", "PRD-(x)"], environments: [.production], marketplaces: ["a,b"]),
    ])
    func theListingQueryIsAccepted(scope: QueueScope) async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let snapshot = try await client.pendingCancelRequests(in: scope)
            let count = try await client.pendingCancelCount(in: scope)
            #expect(count == snapshot.reportedTotal)
            #expect(try await sandbox.stats().responses4xx == 0)
        }
    }

    @Test func theCountRunsTheListingQueryWithLimitZero() async throws {
        var options = SandboxOptions()
        options.requests = 37
        try await SandboxControl.with(options) { sandbox in
            let scope = QueueScope(products: SandboxCatalog.productIDs)
            let count = try await sandbox.client().pendingCancelCount(in: scope)
            #expect(count == 37)
        }
    }

    @Test func aRefusedListingQueryIsARejectedErrorWithConnectsMessage() async throws {
        var options = SandboxOptions()
        options.acceptsPreviewFilter = false
        try await SandboxControl.with(options) { sandbox in
            do {
                _ = try await sandbox.client().pendingCancelCount(in: QueueScope(products: SandboxCatalog.productIDs))
                Issue.record("the query filtering on preview was accepted")
            } catch let error as ServiceError {
                #expect(error.kind == .rejected && error.httpStatus == 400)
                #expect(error.messages.joined().contains("preview"), "\(error)")
            }
        }
    }

    @Test func templatesAreReadAcrossEveryPage() async throws {
        var options = SandboxOptions()
        options.pageCap = 1
        try await SandboxControl.with(options) { sandbox in
            let templates = try await sandbox.client().templates(productID: SandboxCatalog.productIDs[0])
            #expect(templates.count == 4)
            #expect(Set(templates.map(\.id)).count == 4)
            #expect(templates.contains { $0.scope == "tier1" })
        }
    }
}
