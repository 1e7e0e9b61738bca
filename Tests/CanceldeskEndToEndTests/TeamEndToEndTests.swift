import AsyncHTTPClient
import CancelDeskCore
import ConnectSandbox
import ConnectWire
import Foundation
import NIOCore
import Testing

/// Issue 12, as a new user would try it against the sandbox: every decision leaves a private note on the request's
/// conversation (also when the first post fails), `--auto` leaves requests assigned to people alone, and two
/// consoles on two journals see each other's claims.
@Suite(.serialized) struct TeamEndToEndTests {
    static func faults(_ endpoints: SandboxEndpoints, _ rules: [WireFaultRule]) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(endpoints.port)/_sandbox/faults")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(WireFaultScript(rules: rules))))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(response.status.code == 200)
    }

    /// `canceldesk history ID --json`: the journal steps and the conversation messages.
    static func history(_ id: String, _ workspace: Workspace) async throws -> [[String: Any]] {
        try await BinaryRun.detached(["history", id, "--json"], environment: workspace.environment).events
    }

    /// The `event` of each line.
    static func kinds(_ events: [[String: Any]]) -> [String] {
        events.map { $0["event"] as? String ?? "?" }
    }

    @Test func everyDecisionLeavesAPrivateNoteAlsoWhenTheFirstPostFails() async throws {
        var options = SandboxOptions()
        options.requests = 8
        options.seed = 5
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints, auto: [:], connect: ["assignee": "robot@vendor.example"])
            defer { workspace.remove() }
            try await Self.faults(endpoints, [WireFaultRule(method: "POST", pathSuffix: "/messages", status: 503)])
            let first = try await BinaryRun.detached(
                ["--auto", "--json", "--limit", "1", "--concurrency", "1"], environment: workspace.environment)
            let index = try #require(Self.kinds(first.events).firstIndex(of: "decision"), "\(first.stderr)")
            let decided = first.events[index]
            let id = try #require(decided["request"] as? String)
            let outcome = try #require(decided["outcome"] as? String)
            #expect(["approved", "skipped"].contains(outcome))
            // The post failed: the decision stands, the note waits in the journal's outbox.
            var lines = try await Self.history(id, workspace)
            #expect(Self.kinds(lines).contains("history"))
            #expect(!Self.kinds(lines).contains("conversation"))
            // The next run delivers it first, then decides the rest, each with its note.
            let second = try await BinaryRun.detached(
                ["--auto", "--json", "--concurrency", "2"], environment: workspace.environment)
            let summary = try #require(second.summary, "\(second.stderr)")
            #expect(summary["failed"] as? Int == 0)
            var decisions: [[String: Any]] = []
            for event in second.events where (event["event"] as? String ?? "") == "decision" { decisions.append(event) }
            decisions.append(decided)
            for decision in decisions {
                let request = try #require(decision["request"] as? String)
                let all = try await Self.history(request, workspace)
                var notes: [[String: Any]] = []
                for event in all where (event["event"] as? String ?? "") == "conversation" { notes.append(event) }
                switch decision["outcome"] as? String {
                case "approved", "rejected", "needs_review":
                    #expect(notes.count == 1, "\(request): \(notes)")
                    #expect(notes.first?["kind"] as? String == "private")
                    let text = notes.first?["text"] as? String ?? ""
                    #expect(text.contains("canceldesk: ") && text.contains(request))
                    #expect(text.contains("Idempotency key: "))
                    #expect(text.contains("assignee: robot@vendor.example"))
                case "skipped":
                    // Only requests assigned to a person are skipped, and they get no note.
                    #expect((decision["detail"] as? String ?? "").contains("assigned to"))
                    #expect(notes.isEmpty)
                default:
                    Issue.record("unexpected decision \(decision)")
                }
            }
            lines = try await Self.history(id, workspace)
            if outcome == "approved" {
                let merged = Self.kinds(lines)
                #expect(merged.last == "conversation", "the note came after the journal's steps: \(merged)")
            }
        }
    }

    @Test func twoConsolesOnTwoJournalsSeeEachOthersClaims() async throws {
        var options = SandboxOptions()
        options.requests = 10
        options.seed = 9
        try await withSandbox(options) { endpoints in
            let alice = try Workspace(
                endpoints, connect: ["assignee": "alice@vendor.example"], console: ["claim_on_open": true])
            let bob = try Workspace(
                endpoints, connect: ["assignee": "bob@vendor.example"], console: ["claim_on_open": true])
            defer {
                alice.remove()
                bob.remove()
            }
            let listed = try await BinaryRun.detached(["list", "--json"], environment: alice.environment).events
            var ids: [String] = []
            for row in listed where (row["assignee"] as? String ?? "").isEmpty {
                if let id = row["request"] as? String { ids.append(id) }
            }
            try #require(ids.count >= 2)
            let paneA = try TmuxSession([], columns: 220, rows: 40, environment: alice.environment)
            let paneB = try TmuxSession([], columns: 220, rows: 40, environment: bob.environment)
            try await paneA.waitFor("requests listed")
            try await paneB.waitFor("requests listed")
            // Alice opens the first request: it is assigned to her, and Bob's list shows it after a refresh.
            try await Self.open(ids[0], in: paneA)
            try await paneA.waitFor("assigned to alice@vendor.example")
            try await Self.filter(ids[0], in: paneB)
            try paneB.send("R")
            try await paneB.waitUntil("Bob's row shows alice") {
                $0.contains(ids[0]) && $0.contains("alice@vendor.example")
            }
            // And the other way round.
            try paneA.send("Escape")
            try await Self.open(ids[1], in: paneB)
            try await paneB.waitFor("assigned to bob@vendor.example")
            try await Self.filter(ids[1], in: paneA)
            try paneA.send("R")
            try await paneA.waitUntil("Alice's row shows bob") {
                $0.contains(ids[1]) && $0.contains("bob@vendor.example")
            }
            try paneA.send("q")
            try paneB.send("Escape", "q")
            try await paneA.waitFor("EXITED 0")
            try await paneB.waitFor("EXITED 0")
        }
    }

    static func filter(_ id: String, in pane: TmuxSession) async throws {
        try pane.send("/")
        try pane.send("C-u")
        try pane.send(id, literal: true)
        try pane.send("Enter")
        try await pane.waitUntil("the list narrowed to \(id)") { $0.contains("/\(id)") || $0.contains(id) }
    }

    static func open(_ id: String, in pane: TmuxSession) async throws {
        try await filter(id, in: pane)
        try pane.send("Enter")
        try await pane.waitFor("Vendor sub id")
    }
}
