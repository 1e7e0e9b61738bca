import CancelDeskTestSupport
import ConnectClient
import ConnectSandbox
import ConnectWire
import Logging
import Testing

@testable import CancelDeskCore

/// Team work through Connect, against the sandbox: claims one canceldesk makes are seen by another, and every
/// decision leaves a private note on the request's conversation, also when the first post fails.
@Suite struct TeamLiveTests {
    static let scope = QueueScope(products: SandboxCatalog.productIDs)

    static func settings(assignee: UserReference) -> EngineSettings {
        var templates: [String: String] = [:]
        for product in SandboxCatalog.productIDs { templates[product] = SandboxCatalog.templateID(forProduct: product) }
        return EngineSettings(
            scope: scope, templates: templates, subscriptionParameter: SandboxCatalog.subscriptionParameterID,
            keySalt: "team", connectHost: "sandbox", assignee: assignee)
    }

    static func engine(
        _ sandbox: SandboxControl, journal: any DecisionJournal, assignee: UserReference, mode: RunMode = .tui,
        user: String = "ops"
    ) -> CancelEngine {
        CancelEngine(
            requests: sandbox.client(), vendor: FakeVendor(), journal: journal,
            settings: settings(assignee: assignee),
            identity: AuditIdentity(mode: mode, osUser: user, host: "desk", connectUser: "SU-000-000-000"),
            logger: Logger(label: "test"))
    }

    /// The first pending request nobody is assigned to.
    static func unassigned(_ client: ConnectClient) async throws -> FulfillmentRequest {
        let requests = try await client.pendingCancelRequests(in: scope).requests
        return try #require(requests.first { $0.assignee == .none })
    }

    @Test func conversationMessagesReadBackWhatWasPosted() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let request = try await Self.unassigned(client)
            try await client.postMessage(requestID: request.id, text: "first", visibility: .everyone)
            try await client.postMessage(requestID: request.id, text: "second\nline", visibility: .vendorOnly)
            let messages = try await client.conversationMessages(requestID: request.id)
            #expect(messages.map(\.text) == ["first", "second\nline"])
            #expect(messages.map(\.kind) == [.message, .privateNote])
            #expect(messages.allSatisfy { $0.created != nil && !$0.creator.isEmpty && $0.id.hasPrefix("ME-") })
        }
    }

    @Test func twoConsolesOnTwoJournalsSeeEachOthersClaims() async throws {
        try await SandboxControl.with { sandbox in
            let alice = Self.engine(sandbox, journal: InMemoryOutboxJournal(), assignee: .email("alice@vendor.example"))
            let bob = Self.engine(
                sandbox, journal: InMemoryOutboxJournal(), assignee: .id("UR-841-377-120"), user: "bob")
            let request = try await Self.unassigned(sandbox.client())
            let claimed = try await alice.claim(requestID: request.id)
            #expect(claimed.assignee.label == "alice@vendor.example")
            let seenByBob = try await bob.snapshot().requests.first { $0.id == request.id }
            #expect(seenByBob?.assignee.label == "alice@vendor.example")
            let other = try #require(try await bob.snapshot().requests.first { $0.assignee == .none })
            _ = try await bob.claim(requestID: other.id)
            let seenByAlice = try await alice.snapshot().requests.first { $0.id == other.id }
            guard case .user(let id, _, _)? = seenByAlice?.assignee else {
                Issue.record("not assigned: \(String(describing: seenByAlice?.assignee))")
                return
            }
            #expect(id == "UR-841-377-120")
            // A daemon configured as neither skips both: they are someone else's.
            let daemon = Self.engine(
                sandbox, journal: InMemoryOutboxJournal(), assignee: .email("robot@vendor.example"), mode: .auto)
            let skipped = await daemon.process(requestID: request.id, decision: .approve)
            #expect(skipped.kind == .skipped)
            #expect(skipped.detail.contains("alice@vendor.example"))
        }
    }

    @Test func everyDecisionLeavesAPrivateNoteAlsoWhenTheFirstPostFails() async throws {
        try await SandboxControl.with { sandbox in
            let client = sandbox.client()
            let journal = InMemoryOutboxJournal()
            let engine = Self.engine(sandbox, journal: journal, assignee: .email("ops@vendor.example"))
            let requests = try await client.pendingCancelRequests(in: Self.scope).requests.filter {
                $0.assignee == .none
            }
            try #require(requests.count >= 2)
            try await sandbox.script([WireFaultRule(method: "POST", pathSuffix: "/messages", status: 503, count: 1)])
            let approved = await engine.process(requestID: requests[0].id, decision: .approve)
            #expect(approved.kind == .approved)
            #expect(try await client.conversationMessages(requestID: requests[0].id).isEmpty)
            #expect(await journal.undelivered.count == 1)
            let rejected = await engine.process(
                requestID: requests[1].id, decision: .reject(reason: "The customer keeps the subscription."))
            #expect(rejected.kind == .rejected)
            // The next decision's drain delivered the earlier note too.
            #expect(await journal.undelivered.isEmpty)
            for (request, word) in [(requests[0], "approved"), (requests[1], "rejected")] {
                let notes = try await client.conversationMessages(requestID: request.id)
                #expect(notes.count == 1)
                #expect(notes.first?.kind == .privateNote)
                #expect(notes.first?.text.hasPrefix("canceldesk: \(word)") == true)
                #expect(notes.first?.text.contains(request.id) == true)
                #expect(notes.first?.text.contains("Idempotency key: ") == true)
            }
        }
    }
}
