import CancelDeskTestSupport
import Foundation
import Logging
import Testing

@testable import CancelDeskCore

/// Presence: `connect.assignee`, `--auto` skipping requests assigned to someone else, and assigning by the
/// operator's e-mail or user id (never the API token's SU- id).
@Suite struct PresenceTests {
    let base = [
        "CONNECT_API_KEY": "SU-123-456-789:topsecretvalue", "CANCELDESK_PRODUCTS": "PRD-1",
        "CANCELDESK_TEMPLATE_ID": "TL-1", "VENDOR_API_URL": "https://vendor.example/api", "HOME": "/home/ops",
    ]

    func load(_ extra: [String: String], file: String? = nil) throws -> CancelDeskConfiguration {
        var environment = base.merging(extra) { $1 }
        if let file {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("cd-presence-\(UUID()).json").path
            try file.write(toFile: path, atomically: true, encoding: .utf8)
            environment["CANCELDESK_CONFIG"] = path
        }
        return try ConfigurationLoader(environment: environment).load()
    }

    @Test func theAssigneeIsAnEmailOrAUserIdAndTheDefaultsAreOff() throws {
        let none = try load([:])
        #expect(none.engine.assignee == nil)
        #expect(none.engine.takeAssigned == false)
        #expect(none.claimOnOpen == false)
        #expect(try load(["CANCELDESK_ASSIGNEE": "ops@vendor.example"]).engine.assignee == .email("ops@vendor.example"))
        let file = """
            {"connect": {"assignee": "UR-630-250-903"}, "auto": {"take_assigned": true},
             "console": {"claim_on_open": true}}
            """
        let configured = try load([:], file: file)
        #expect(configured.engine.assignee == .id("UR-630-250-903"))
        #expect(configured.engine.takeAssigned)
        #expect(configured.claimOnOpen)
    }

    @Test func anAPITokenIdIsRefusedAsAssignee() throws {
        let error = #expect(throws: ConfigurationError.self) { try load(["CANCELDESK_ASSIGNEE": "SU-123-456-789"]) }
        let text = error?.problems.joined(separator: "\n") ?? ""
        #expect(text.contains("connect.assignee"))
        #expect(text.contains("API token"))
        #expect(throws: ConfigurationError.self) { try load(["CANCELDESK_ASSIGNEE": "not an address"]) }
        let claim = #expect(throws: ConfigurationError.self) {
            try load([:], file: #"{"auto": {"claim_with_assign": true}}"#)
        }
        #expect(claim?.problems.joined().contains("needs connect.assignee") == true)
    }

    func settings(assignee: UserReference? = nil, take: Bool = false, claim: Bool = false) -> EngineSettings {
        var settings = Fixtures.settings()
        settings.assignee = assignee
        settings.takeAssigned = take
        settings.claimWithAssign = claim
        return settings
    }

    @Test func autoSkipsARequestAssignedToSomeoneElseWithTheReason() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1), Fixtures.request(2), Fixtures.request(3)])
        let human = Assignee.user(id: "UR-1", name: "Dana", email: "dana@vendor.example")
        await api.setAssignee(Fixtures.request(1).id, human)
        await api.setAssignee(Fixtures.request(2).id, .user(id: "UR-9", name: "Me", email: "me@vendor.example"))
        let vendor = FakeVendor()
        let journal = InMemoryJournal()
        let results = ResultBox()
        let engine = Fixtures.engine(
            api, vendor, journal, settings: settings(assignee: .email("ME@vendor.example")),
            events: { if case .finished(let result) = $0 { results.add(result) } })
        let summary = await engine.runQueue(QueueOptions(concurrency: 1)) { false }
        #expect(summary.approved == 2)
        #expect(summary.skipped == 1)
        let skipped = results.all.first { $0.requestID == Fixtures.request(1).id }
        #expect(skipped?.kind == .skipped)
        #expect(skipped?.detail.contains("assigned to dana@vendor.example") == true)
        #expect(await vendor.applied["SUB-1"] == nil)
    }

    @Test func takeAssignedWorksThemAndTheConsoleIsNotStopped() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        await api.setAssignee(Fixtures.request(1).id, .user(id: "UR-1", name: "Dana", email: "dana@vendor.example"))
        let taken = Fixtures.engine(api, FakeVendor(), InMemoryJournal(), settings: settings(take: true))
        #expect(await taken.process(requestID: Fixtures.request(1).id, decision: .approve).kind == .approved)
        let other = InMemoryRequestsAPI([Fixtures.request(2)])
        await other.setAssignee(Fixtures.request(2).id, .user(id: "UR-1", name: "Dana", email: "dana@vendor.example"))
        let console = Fixtures.engine(other, FakeVendor(), InMemoryJournal(), mode: .tui)
        #expect(await console.process(requestID: Fixtures.request(2).id, decision: .approve).kind == .approved)
    }

    @Test func claimWithAssignAssignsByTheConfiguredUserNeverTheTokenId() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        let engine = Fixtures.engine(
            api, FakeVendor(), InMemoryJournal(),
            settings: settings(assignee: .email("ops@vendor.example"), claim: true))
        #expect(await engine.process(requestID: Fixtures.request(1).id, decision: .approve).kind == .approved)
        let calls = await api.assignCalls
        #expect(calls.count == 1)
        #expect(calls.first?.user == .email("ops@vendor.example"))
        let claimed = try await engine.claim(requestID: Fixtures.request(1).id)
        #expect(claimed.assignee.label == "ops@vendor.example")
        let unconfigured = Fixtures.engine(api, FakeVendor(), InMemoryJournal())
        await #expect(throws: ServiceError.self) { try await unconfigured.claim(requestID: Fixtures.request(1).id) }
    }
}

/// Results collected from engine events.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [RequestResult] = []

    func add(_ result: RequestResult) { lock.withLock { results.append(result) } }
    var all: [RequestResult] { lock.withLock { results } }
}
