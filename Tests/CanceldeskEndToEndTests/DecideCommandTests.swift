import ConnectSandbox
import Foundation
import Testing

/// `canceldesk approve ID`, `reject ID` and `show ID` against a live sandbox: one-item work lists on the engine's
/// runner, and reads through the engine.
@Suite(.serialized) struct DecideCommandTests {
    @Test func approveRejectAndShowGoThroughTheEngine() async throws {
        var options = SandboxOptions()
        options.requests = 5
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let list = try await BinaryRun.detached(["list", "--json"], environment: workspace.environment)
            let ids = list.events.compactMap { $0["request"] as? String }
            try #require(ids.count >= 2, "\(list.stdout) \(list.stderr)")

            let approve = try await BinaryRun.detached(
                ["approve", ids[0], "--json"], environment: workspace.environment)
            #expect(approve.status == 0, "\(approve.stdout) \(approve.stderr)")
            let decision = approve.events.first { $0["event"] as? String == "decision" }
            #expect(decision?["request"] as? String == ids[0])
            #expect(decision?["outcome"] as? String == "approved")

            let reject = try await BinaryRun.detached(
                ["reject", ids[1], "--reason", "The customer keeps the subscription."],
                environment: workspace.environment)
            #expect(reject.status == 0, "\(reject.stdout) \(reject.stderr)")
            #expect(reject.stdout.contains("rejected"))

            let show = try await BinaryRun.detached(["show", ids[0]], environment: workspace.environment)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("request      \(ids[0])"))
            #expect(show.stdout.contains("journal:"))
            #expect(show.stdout.contains("approved"), "the journal steps are shown")

            let stats = try await sandboxStats(endpoints)
            #expect(stats.vendorCancelCalls == 1, "a reject makes no vendor call")
            #expect(stats.approveCalls == 1)
            #expect(stats.failCalls == 1)
        }
    }
}
