import CancelDeskCore
import ConnectSandbox
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13, the process side: `--auto --watch` as a service (ServiceGroup, systemd notifications, JSON logs).
@Suite(.serialized) struct ServiceLifecycleTests {
    static func sandboxOptions() -> SandboxOptions {
        var options = SandboxOptions()
        options.requests = 6
        options.seed = 13
        return options
    }

    /// Runs `--auto --watch 1` with `NOTIFY_SOCKET` at a test socket until its first pass has ended, then sends
    /// `signal`; returns the run, how long it took to end after the signal, and the datagrams received.
    static func watchAndStop(
        _ endpoints: SandboxEndpoints, arguments: [String], signal: Int32
    ) async throws -> (run: BinaryRun.Result, inTime: Bool, took: Duration, messages: [String]) {
        let workspace = try Workspace(endpoints)
        defer { workspace.remove() }
        let listener = try DatagramListener()
        defer { listener.close() }
        var environment = workspace.environment
        environment["NOTIFY_SOCKET"] = listener.address
        environment["WATCHDOG_USEC"] = "400000" // a keep-alive every 0.2 s
        environment["CANCELDESK_STOP_GRACE_SECONDS"] = "2"
        let child = try ChildProcess(["--auto", "--watch", "1"] + arguments, environment: environment)
        // The first pass ended once its STATUS= came.
        let first = await listener.wait(for: .seconds(30)) { $0.contains { $0.hasPrefix("STATUS=") } }
        #expect(first.contains { $0.hasPrefix("STATUS=") }, "no STATUS= after the first pass: \(first)")
        let signalled = ContinuousClock.now
        child.signal(signal)
        let (run, inTime) = await child.finish(within: .seconds(30))
        let took = ContinuousClock.now - signalled
        let messages = await listener.wait(for: .seconds(2)) { $0.contains("STOPPING=1") }
        return (run, inTime, took, messages)
    }

    /// READY=1 first (keep-alives may come before it), STOPPING=1 after it, a STATUS= with the counts.
    static func checkNotifications(_ messages: [String]) {
        let states = messages.filter { $0 != "WATCHDOG=1" }
        #expect(states.first == "READY=1", "\(messages)")
        #expect(states.last == "STOPPING=1" || states.last?.hasPrefix("STATUS=") == true, "\(messages)")
        let ready = messages.firstIndex(of: "READY=1")
        let stopping = messages.firstIndex(of: "STOPPING=1")
        #expect(ready != nil && stopping != nil && ready! < stopping!, "\(messages)")
        #expect(messages.contains("WATCHDOG=1"), "no keep-alive: \(messages)")
        #expect(messages.contains { $0.hasPrefix("STATUS=1 pass(es): approved ") }, "\(messages)")
    }

    @Test func sigtermAfterTheFirstWatchPassEndsWithinTheGraceWithTheSummaryLastAndSystemdNotified() async throws {
        try await withSandbox(Self.sandboxOptions()) { endpoints in
            let (run, inTime, took, messages) = try await Self.watchAndStop(
                endpoints, arguments: ["--json"], signal: SIGTERM)
            #expect(inTime, "still running 30 s after SIGTERM (grace 2 s): \(run.stderr)")
            #expect(took < .seconds(12), "took \(took) after SIGTERM")
            #expect(!run.signaled)
            #expect([0, 1].contains(run.status), "exit \(run.status): \(run.stderr)")
            let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(last.hasPrefix(#"{"event":"summary","#), "the last line is not the summary: \(run.stdout)")
            let summary = try #require(run.summary)
            let settled = ["approved", "needs_review", "failed", "rejected", "skipped"].map { summary[$0] as? Int ?? 0 }
            #expect(settled.reduce(0, +) >= 6, "every request of the sandbox settled: \(summary)")
            #expect(run.events.filter { $0["event"] as? String == "summary" }.count == 1, "one summary: \(run.stdout)")
            Self.checkNotifications(messages)
        }
    }

    @Test func sigintDoesTheSameInText() async throws {
        try await withSandbox(Self.sandboxOptions()) { endpoints in
            let (run, inTime, took, messages) = try await Self.watchAndStop(endpoints, arguments: [], signal: SIGINT)
            #expect(inTime, "still running 30 s after SIGINT: \(run.stderr)")
            #expect(took < .seconds(12), "took \(took) after SIGINT")
            #expect(!run.signaled)
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.last?.hasPrefix("summary: approved ") == true, "\(run.stdout)")
            #expect(lines.filter { $0.hasPrefix("summary: ") }.count == 1)
            #expect(run.stderr.contains("stopping: finishing requests in flight"), "\(run.stderr)")
            Self.checkNotifications(messages)
        }
    }

    @Test func logFormatJSONWritesOneRedactedObjectPerLogLine() async throws {
        try await withSandbox(Self.sandboxOptions()) { endpoints in
            let workspace = try Workspace(endpoints, vendorKey: "Lifecycle-Vendor-Secret-987654")
            defer { workspace.remove() }
            var environment = workspace.environment
            environment["CANCELDESK_LOG_LEVEL"] = "trace"
            // A child read on dispatch threads: a blocking run would hold a cooperative thread the sandbox needs.
            let child = try ChildProcess(["--auto", "--json", "--log-format", "json"], environment: environment)
            let (run, inTime) = await child.finish(within: .seconds(120))
            #expect(inTime)
            #expect([0, 1].contains(run.status), "exit \(run.status): \(run.stderr)")
            let logLines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
            #expect(!logLines.isEmpty, "no JSON log line on stderr: \(run.stderr)")
            for line in logLines {
                let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
                let fields = ["ts", "level", "message"].map { object?[$0] is String }
                #expect(!fields.contains(false), "\(line)")
            }
            #expect(!run.stderr.contains("Lifecycle-Vendor-Secret-987654"))
            #expect(run.summary != nil)
        }
    }

    @Test func aBadAdminAddressOrAdminWithoutAutoIsAUsageError() async throws {
        let usages = [
            ["--auto", "--admin", "localhost"], ["--auto", "--admin", "[::1]:70000"], ["--admin", ":9464"],
        ]
        for arguments in usages {
            let (run, _) = try await ChildProcess(arguments, environment: ["HOME": NSTemporaryDirectory()])
                .finish(within: .seconds(30))
            #expect(run.status == 64, "\(arguments): exit \(run.status)")
            #expect(run.stderr.contains("--admin"), "\(arguments): \(run.stderr)")
        }
    }
}
