import CancelDeskCore
import ConnectClient
import ConnectSandbox
import Testing

@Suite struct LiveActionTests {
    static let scope = QueueScope(products: SandboxCatalog.productIDs)

    static func firstTwo(_ client: ConnectClient) async throws -> (FulfillmentRequest, FulfillmentRequest) {
        let requests = try await client.pendingCancelRequests(in: scope).requests
        try #require(requests.count >= 2)
        return (requests[0], requests[1])
    }

    @Test func approveThenApproveAgainIsAlreadyDone() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let (request, _) = try await Self.firstTwo(client)
            let template = SandboxCatalog.templateID(forProduct: request.asset.product.id)
            let first = try await client.approve(id: request.id, templateID: template)
            guard case .done(let approved) = first else {
                Issue.record("expected done, got \(first)")
                return
            }
            #expect(approved.status == .approved)
            #expect(approved.asset.status == .terminated)
            let second = try await client.approve(id: request.id, templateID: template)
            #expect(second == .alreadyDone(try await client.request(id: request.id)))
            #expect(try await sandbox.stats().approveCalls == 2)
        }
    }

    @Test func failSetsTheReasonAndAnApproveAfterwardsIsAConflict() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let (_, request) = try await Self.firstTwo(client)
            let outcome = try await client.fail(id: request.id, reason: "Cancellation window closed")
            guard case .done(let failed) = outcome else {
                Issue.record("expected done, got \(outcome)")
                return
            }
            #expect(failed.status == .failed)
            #expect(failed.reason == "Cancellation window closed")
            #expect(failed.asset.status == .active)
            let template = SandboxCatalog.templateID(forProduct: request.asset.product.id)
            guard case .conflict(let current, _) = try await client.approve(id: request.id, templateID: template) else {
                Issue.record("expected a conflict")
                return
            }
            #expect(current.status == .failed)
        }
    }

    @Test func aResponseLostAfterTheApproveHappenedIsReconciled() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let (request, _) = try await Self.firstTwo(client)
            try await sandbox.script([.init(method: "POST", pathSuffix: "/approve", status: 503, afterEffect: true)])
            let outcome = try await client.approve(
                id: request.id, templateID: SandboxCatalog.templateID(forProduct: request.asset.product.id))
            guard case .alreadyDone(let approved) = outcome else {
                Issue.record("expected alreadyDone, got \(outcome)")
                return
            }
            #expect(approved.status == .approved)
            #expect(
                try await sandbox.stats().approveCalls == 1, "approve was not re-sent once the re-read said approved")
        }
    }

    @Test func a5xxBeforeTheApproveIsResentAfterTheRereadShowsPending() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let (request, _) = try await Self.firstTwo(client)
            try await sandbox.script([.init(method: "POST", pathSuffix: "/approve", status: 502, count: 1)])
            let outcome = try await client.approve(
                id: request.id, templateID: SandboxCatalog.templateID(forProduct: request.asset.product.id))
            #expect(outcome.request.status == .approved)
            #expect(try await client.request(id: request.id).status == .approved)
        }
    }

    @Test func aMissingTemplateIsAPermanentRefusalAndNothingChanges() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let (request, _) = try await Self.firstTwo(client)
            let error = await #expect(throws: ServiceError.self) {
                try await client.approve(id: request.id, templateID: "TL-000-000-000")
            }
            #expect(error?.kind == .rejected)
            #expect(error?.code != nil)
            #expect(try await client.request(id: request.id).status == .pending)
        }
    }

    @Test func readOnlyRefusesWritesBeforeTheNetwork() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client(readOnly: true)
            let (request, _) = try await Self.firstTwo(client)
            let error = await #expect(throws: ServiceError.self) {
                try await client.fail(id: request.id, reason: "no")
            }
            #expect(error?.kind == .refused)
            #expect(try await sandbox.stats().failCalls == 0)
        }
    }

    @Test func assignAndAConversationMessage() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let (request, _) = try await Self.firstTwo(client)
            let assigned = try await client.assign(id: request.id, to: .email("ops@vendor.example"))
            #expect(assigned.assignee.label == "ops@vendor.example")
            try await client.postMessage(
                requestID: request.id, text: "Vendor subscription cancelled", visibility: .vendorOnly)
        }
    }

    @Test func anUnsafeIdentifierNeverReachesTheNetwork() async throws {
        try await SandboxControl.with { sandbox in
            let error = await #expect(throws: ServiceError.self) {
                try await sandbox.client().request(id: "../auth/context")
            }
            #expect(error?.kind == .refused)
        }
    }
}
