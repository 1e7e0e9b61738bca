import CancelDeskCore
import ConnectSandbox
import ConnectWire
import Foundation
import Testing

/// `canceldesk --auto`, the real binary, against a live sandbox: the safety invariants under faults and crashes.
@Suite(.serialized) struct AutoModeTests {
    /// Invariants every run must keep: no subscription cancelled twice, no request failed in Connect (no transient
    /// fault may become a rejection), and every approved request had its vendor cancel.
    static func checkInvariants(_ stats: WireSandboxStats, approved: Int) {
        #expect(stats.vendorSubscriptionsCancelledTwice.isEmpty)
        #expect(stats.failCalls == 0)
        #expect(stats.vendorCancelsApplied + stats.vendorAlreadyCancelled >= approved)
    }

    @Test func aFaultyConnectAndVendorNeverCauseARejectionOrADoubleCancel() async throws {
        var options = SandboxOptions()
        options.requests = 60
        options.seed = 3
        options.errorRate = 0.15
        options.vendorErrorRate = 0.15
        options.latencyMs = 2
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let seeded = try await sandboxStats(endpoints).requestsByStatus["approved"] ?? 0
            let run = try await BinaryRun.detached(
                ["--auto", "--json", "--concurrency", "8"], environment: workspace.environment)
            let summary = try #require(run.summary, "no summary line: \(run.stdout) \(run.stderr)")
            let approved = summary["approved"] as? Int ?? -1
            let review = summary["needs_review"] as? Int ?? -1
            #expect(approved + review + (summary["failed"] as? Int ?? 0) == 60)
            #expect(approved >= 50)
            #expect(summary["rejected"] as? Int == 0)
            #expect([0, 1, 69].contains(run.status))
            let stats = try await sandboxStats(endpoints)
            #expect(stats.injectedFaults > 0, "faults were injected")
            Self.checkInvariants(stats, approved: approved)
            // A second run resumes whatever the first left, and ends with nothing to do but what needs a person.
            let again = try await BinaryRun.detached(["--auto", "--json"], environment: workspace.environment)
            let second = try #require(again.summary)
            let total = approved + (second["approved"] as? Int ?? 0)
            let reviews = (second["needs_review"] as? Int ?? 0) + (second["needs_review_waiting"] as? Int ?? 0)
            #expect(total + reviews + (second["failed"] as? Int ?? 0) == 60)
            let after = try await sandboxStats(endpoints)
            #expect((after.requestsByStatus["approved"] ?? 0) - seeded == total)
            Self.checkInvariants(after, approved: total)
        }
    }

    @Test(arguments: CrashPoint.allCases)
    func aCrashAtEveryNamedStepIsRecoveredWithoutADoubleCancel(point: CrashPoint) async throws {
        var options = SandboxOptions()
        options.requests = 12
        options.seed = 11
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let seeded = try await sandboxStats(endpoints).requestsByStatus["approved"] ?? 0
            var environment = workspace.environment
            environment["CANCELDESK_CRASH_AT"] = point.rawValue
            environment["CANCELDESK_CRASH_AFTER"] = "3"
            let crashed = try await BinaryRun.detached(
                ["--auto", "--json", "--concurrency", "1"], environment: environment)
            #expect(crashed.signaled, "the process was killed at \(point.rawValue)")
            #expect(crashed.summary == nil)
            let rerun = try await BinaryRun.detached(
                ["--auto", "--json", "--concurrency", "1"], environment: workspace.environment)
            let summary = try #require(rerun.summary, "\(rerun.stderr)")
            #expect(summary["failed"] as? Int == 0)
            let stats = try await sandboxStats(endpoints)
            #expect(stats.vendorSubscriptionsCancelledTwice.isEmpty)
            #expect(stats.failCalls == 0)
            // Every subscription the vendor cancelled belongs to a request that is now approved.
            let approvedByUs = (stats.requestsByStatus["approved"] ?? 0) - seeded
            #expect(stats.vendorCancelsApplied + stats.vendorAlreadyCancelled == approvedByUs)
            let third = try await BinaryRun.detached(["--auto", "--json"], environment: workspace.environment)
            #expect(try #require(third.summary)["approved"] as? Int == 0, "nothing left to do")
        }
    }

    /// A listing query the sandbox refuses, as Connect's RQL would, stops `--auto` and `list` as a configuration
    /// problem (78) naming Connect's message, not as an outage (69).
    @Test func aRefusedListingQueryExits78NamingConnectsMessage() async throws {
        var options = SandboxOptions()
        options.acceptsPreviewFilter = false // the default scope filters on preview, which the spec does not list
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let auto = try await BinaryRun.detached(["--auto", "--json"], environment: workspace.environment)
            #expect(auto.status == 78, "\(auto.stdout)\n\(auto.stderr)")
            let error = auto.events.first { $0["type"] as? String == "error" }
            let detail = error?["detail"] as? String ?? ""
            #expect(detail.contains("preview"), "Connect's message: \(auto.stdout)")
            var errorLines = 0
            for event in auto.events where event["type"] as? String == "error" { errorLines += 1 }
            #expect(errorLines == 1, "the reason once: \(auto.stdout)")
            let list = try await BinaryRun.detached(["list", "--json"], environment: workspace.environment)
            #expect(list.status == 78, "\(list.stdout)\n\(list.stderr)")
            #expect(list.stdout.contains("preview") || list.stderr.contains("preview"))
            let stats = try await sandboxStats(endpoints)
            #expect(stats.approveCalls == 0 && stats.vendorCancelCalls == 0, "nothing was acted on")
        }
    }

    @Test func aRecognisableFakeKeyAppearsNowhere() async throws {
        try await withSandbox { endpoints in
            let fake = "ApiKey SU-123-456-789:Recognisable-Fake-0123456789"
            let workspace = try Workspace(endpoints, apiKey: fake, vendorKey: "VendorFakeSecret987654321")
            defer { workspace.remove() }
            var environment = workspace.environment
            environment["CANCELDESK_LOG_LEVEL"] = "trace"
            let rejected = try await BinaryRun.detached(["--auto", "--json"], environment: environment)
            #expect(rejected.status == 77)
            // Even a run refused before the queue was read ends its JSON stream with the summary line.
            let zeros =
                #"{"event":"summary","approved":0,"rejected":0,"skipped":0,"needs_review":0,"failed":0,"#
                + #""duration_ms":0,"needs_review_waiting":0,"type":"summary"}"#
            #expect(rejected.stdout.split(separator: "\n").last.map(String.init) == zeros)
            #expect(rejected.events.first?["type"] as? String == "error", "the refusal is an error line first")
            let doctor = try await BinaryRun.detached(["doctor"], environment: environment)
            #expect(doctor.stdout.contains("SU-123-456-789:********"))
            environment["CONNECT_API_KEY"] = SandboxOptions().apiKey
            let approved = try await BinaryRun.detached(["--auto", "--json", "--limit", "5"], environment: environment)
            #expect(approved.summary?["approved"] as? Int ?? 0 > 0)
            for text in [
                rejected.stdout, rejected.stderr, doctor.stdout, doctor.stderr, approved.stdout, approved.stderr,
            ] {
                #expect(!text.contains("Recognisable-Fake-0123456789"))
                #expect(!text.contains("VendorFakeSecret987654321"))
            }
            let journal = try Data(contentsOf: URL(fileURLWithPath: workspace.journalPath))
            #expect(journal.range(of: Data("Recognisable-Fake".utf8)) == nil)
            #expect(journal.range(of: Data("VendorFakeSecret".utf8)) == nil)
        }
    }
}
