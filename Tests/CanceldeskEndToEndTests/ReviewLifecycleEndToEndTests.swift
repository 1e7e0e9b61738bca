import CancelDeskCore
import ConnectSandbox
import ConnectWire
import Foundation
import Testing

/// needs_review as a workflow, the real binary against a live sandbox: a vendor refusal is listed with its cause,
/// an explicit `approve` retries it with the same idempotency key, `reject` fails it, and a later `--auto` pass
/// does not count what still waits as new.
@Suite(.serialized) struct ReviewLifecycleEndToEndTests {
    @Test func aVendorRefusalIsListedRetriedWithTheSameKeyRejectedAndNotCountedAgain() async throws {
        var options = SandboxOptions()
        options.requests = 60
        options.seed = 1
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let env = workspace.environment
            let first = try await Self.run(["--auto", "--json"], environment: env)
            let refused = first.events.filter { $0["cause"] as? String == "vendor_refusal" }
            let id = try #require(refused.first?["request"] as? String, "no vendor refusal: \(first.stdout)")
            let newReviews = try #require(first.summary?["needs_review"] as? Int)
            #expect(newReviews >= refused.count)
            #expect(first.status == 1, "new requests for review")

            // Listed from the journal, with why.
            let listed = try await Self.run(["list", "--needs-review", "--json"], environment: env)
            #expect(listed.status == 0, "\(listed.stderr)")
            let row = try #require(listed.events.first { $0["request"] as? String == id }, "\(listed.stdout)")
            #expect(row["event"] as? String == "needs_review")
            #expect(row["cause"] as? String == "vendor_refusal")
            #expect((row["message"] as? String ?? "").isEmpty == false)
            #expect((row["subscription"] as? String ?? "").isEmpty == false)
            #expect(row["at"] is String)
            #expect(listed.events.count == newReviews)

            // An explicit approve retries it: the vendor is called again with the same key (its stored refusal is
            // replayed, so it stays for review).
            let before = try await sandboxStats(endpoints)
            let approve = try await Self.run(["approve", id], environment: env)
            let after = try await sandboxStats(endpoints)
            #expect(after.vendorCancelCalls == before.vendorCancelCalls + 1, "\(approve.stdout) \(approve.stderr)")
            #expect(
                after.vendorDuplicatesAbsorbed == before.vendorDuplicatesAbsorbed + 1, "the vendor saw the same key")
            let history = try await Self.run(["history", id, "--json"], environment: env)
            let sends = history.events.filter { $0["state"] as? String == "vendor_sending" }
            #expect(sends.count == 2, "\(history.stdout)")
            #expect(Set(sends.compactMap { $0["idempotency_key"] as? String }).count == 1)

            // An explicit reject fails it in Connect.
            let reject = try await Self.run(["reject", id, "--reason", "Contract locked"], environment: env)
            #expect(reject.status == 0, "\(reject.stdout) \(reject.stderr)")
            #expect(try await sandboxStats(endpoints).failCalls == before.failCalls + 1)
            let relisted = try await Self.run(["list", "--needs-review", "--json"], environment: env)
            #expect(!relisted.events.contains { $0["request"] as? String == id })

            // A later pass does not count what still waits as new.
            let second = try await Self.run(["--auto", "--json"], environment: env)
            let summary = try #require(second.summary, "\(second.stdout) \(second.stderr)")
            #expect(summary["needs_review"] as? Int == 0)
            #expect(summary["needs_review_waiting"] as? Int ?? -1 <= relisted.events.count)
            #expect(second.status == 0, "\(second.stdout)")
            for other in refused.dropFirst().compactMap({ $0["request"] as? String }) {
                let decision = second.events.first { $0["request"] as? String == other }
                #expect(decision?["waiting"] as? Bool == true, "\(other) is still waiting, not retried")
            }
        }
    }

    /// ``BinaryRun/run(_:environment:)`` on a thread of its own: waiting for the child must not hold a thread of the
    /// cooperative pool, which the in-process sandbox (and other suites running meanwhile) need.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> BinaryRun.Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try BinaryRun.run(arguments, environment: environment) })
            }
            thread.start()
        }
    }
}
