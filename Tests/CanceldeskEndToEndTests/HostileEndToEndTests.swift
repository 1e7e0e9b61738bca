import CancelDeskCore
import CancelDeskTestSupport
import ConnectSandbox
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 9, the process side: the real binary against a hostile Connect (cases 5, 7, 10, 11, 12).
@Suite(.serialized) struct HostileEndToEndTests {
    static let connectSecret = "Hostile-Connect-Secret-0123456789"
    static let vendorSecret = "Hostile-Vendor-Secret-0123456789"

    /// A run needing no configuration file: everything from the environment, pointing at `server`.
    static func environment(_ server: HostileServer, directory: String) -> [String: String] {
        [
            "CONNECT_API_URL": server.baseURL + "/public/v1", "CONNECT_API_KEY": "SU-111-222-333:\(connectSecret)",
            "CANCELDESK_PRODUCTS": "PRD-111-222-333", "CANCELDESK_TEMPLATE_ID": "TL-111-222-333",
            "VENDOR_API_URL": server.baseURL + "/vendor/v1", "VENDOR_API_KEY": vendorSecret,
            "CANCELDESK_JOURNAL": directory + "/journal.sqlite", "HOME": directory, "XDG_CONFIG_HOME": directory,
            "XDG_STATE_HOME": directory,
        ]
    }

    static let authContext = HostileReply.json(
        200, #"{"account": {"id": "VA-000-001", "name": "Vendor"}, "user": {"id": "UR-000-001", "name": "Ops"}}"#)

    static func withDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "canceldesk-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url.path)
    }

    // Case 5: SIGTERM while the listing trickles one byte a second: the process ends within grace + a few seconds,
    // with its summary line.
    @Test func sigtermDuringATricklingListingEndsWithinTheGraceAndWritesTheSummary() async throws {
        try await Self.withDirectory { directory in
            try await HostileServer.with(respond: { request in
                if request.path.hasSuffix("/auth/context") { return Self.authContext }
                return .trickle(200, "[" + String(repeating: " ", count: 300) + "]", every: .seconds(1))
            }) { server in
                var environment = Self.environment(server, directory: directory)
                environment["CANCELDESK_STOP_GRACE_SECONDS"] = "2"
                let child = try ChildProcess(["--auto", "--json"], environment: environment)
                // Wait until the listing is being read.
                let started = ContinuousClock.now
                while await !server.received.contains(where: { $0.path.hasSuffix("/requests") }),
                    ContinuousClock.now - started < .seconds(20)
                {
                    try await Task.sleep(for: .milliseconds(100))
                }
                try await Task.sleep(for: .seconds(1))
                let signalled = ContinuousClock.now
                child.signal(SIGTERM)
                let (run, inTime) = await child.finish(within: .seconds(20))
                let took = ContinuousClock.now - signalled
                #expect(inTime, "still running 20 s after SIGTERM (grace 2 s)")
                #expect(took < .seconds(15), "took \(took) after SIGTERM (the listing alone would take 5 min)")
                #expect(!run.signaled)
                #expect(run.summary != nil, "no summary line: \(run.stdout) \(run.stderr)")
            }
        }
    }

    // Case 7: a Connect 401 whose body echoes the Authorization header, and the key: no secret in any output.
    @Test func aConnectThatEchoesTheKeyNeverGetsItPrinted() async throws {
        try await Self.withDirectory { directory in
            try await HostileServer.with(respond: { request in
                let authorization = request.headers["authorization"] ?? ""
                let body =
                    #"{"error_code": "AUTH_001", "errors": ["Unauthorized: you sent Authorization: "#
                    + authorization
                    + #", the key \#(Self.connectSecret) is unknown; vendor key \#(Self.vendorSecret)"]}"#
                return .json(401, body)
            }) { server in
                let environment = Self.environment(server, directory: directory)
                var outputs: [(String, BinaryRun.Result)] = []
                for arguments in [["list"], ["list", "--json"], ["--auto"], ["--auto", "--json"], ["doctor"]] {
                    let child = try ChildProcess(arguments, environment: environment)
                    let (run, inTime) = await child.finish(within: .seconds(60))
                    #expect(inTime)
                    outputs.append((arguments.joined(separator: " "), run))
                }
                let received = await server.received
                #expect(received.contains { ($0.headers["authorization"] ?? "").contains(Self.connectSecret) })
                for (command, run) in outputs {
                    #expect([77, 1].contains(run.status), "\(command): exit \(run.status)")
                    for text in [run.stdout, run.stderr] {
                        #expect(!text.contains(Self.connectSecret), "\(command) printed the Connect key: \(text)")
                        #expect(!text.contains(Self.vendorSecret), "\(command) printed the vendor key: \(text)")
                    }
                }
            }
        }
    }

    // Case 10: a listing failure is named, in text and in JSON.
    @Test func aListingFailureIsNamedInTextAndJSON() async throws {
        try await Self.withDirectory { directory in
            try await HostileServer.with(respond: { request in
                if request.path.hasSuffix("/auth/context") { return Self.authContext }
                return .json(400, #"{"error_code": "REQ_999", "errors": ["the listing is broken over here"]}"#)
            }) { server in
                let environment = Self.environment(server, directory: directory)
                let json = try ChildProcess(["--auto", "--json"], environment: environment)
                let (jsonRun, jsonInTime) = await json.finish(within: .seconds(60))
                #expect(jsonInTime)
                let events = jsonRun.events
                #expect(events.last?["event"] as? String == "summary")
                let error = events.first { $0["event"] as? String == "error" }
                let detail = error?["detail"] as? String ?? ""
                // A 4xx to the listing query is the configuration's problem (exit 78), named with Connect's message.
                #expect(detail.hasPrefix("listing refused by Connect: "), "\(jsonRun.stdout)")
                #expect(jsonRun.status == 78, "\(jsonRun.stderr)")
                #expect(detail.contains("the listing is broken over here"), "\(detail)")
                let text = try ChildProcess(["--auto"], environment: environment)
                let (textRun, textInTime) = await text.finish(within: .seconds(60))
                #expect(textInTime)
                #expect(textRun.stderr.contains("listing refused by Connect: "), "\(textRun.stderr)")
                #expect(textRun.stderr.contains("the listing is broken over here"))
                #expect(textRun.stdout.contains("summary: "))
            }
        }
    }

    // Case 11: `--auto --json | head -1`: no crash, exit 74, and no request left half-done in the journal.
    @Test func aClosedStdoutStopsTheRunCleanlyWithExit74() async throws {
        var options = SandboxOptions()
        options.requests = 40
        options.seed = 5
        options.vendorLatencyMs = 20
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let child = try ChildProcess(
                ["--auto", "--json", "--concurrency", "2"], environment: workspace.environment,
                closeStdoutAfterFirstLine: true)
            let (run, inTime) = await child.finish(within: .seconds(120))
            #expect(inTime)
            #expect(!run.signaled, "crashed on the closed stdout: \(run.stderr)")
            #expect(run.status == 74, "\(run.stderr)")
            // Every request the journal names ends in a final state: nothing started was left unfinished.
            let history = try await BinaryRun.detached(["history", "--json"], environment: workspace.environment)
            var latest: [String: String] = [:]
            for event in history.events {
                if let id = event["request"] as? String, let state = event["state"] as? String { latest[id] = state }
            }
            let final: Set<String> = ["approved", "rejected", "done_by_other", "needs_review", "skipped"]
            #expect(latest.values.allSatisfy { final.contains($0) }, "\(latest.filter { !final.contains($0.value) })")
            #expect(latest.count < 40, "the run stopped starting work")
        }
    }

    // Case 12: a keymap that is a FIFO (or huge) is refused before reading, at once, exit 78.
    @Test func aKeymapFIFOOrHugeFileIsRefusedBeforeReading() async throws {
        try await Self.withDirectory { directory in
            let fifo = directory + "/keymap.json"
            #expect(mkfifo(fifo, 0o600) == 0)
            let child = try ChildProcess(["keymap", "--check", fifo], environment: ["HOME": directory])
            let (run, inTime) = await child.finish(within: .seconds(10))
            #expect(inTime, "blocked reading a FIFO")
            #expect(run.status == 78)
            #expect(run.stderr.contains("not a regular file"), "\(run.stderr)")
            let huge = directory + "/huge.json"
            #expect(FileManager.default.createFile(atPath: huge, contents: nil))
            #expect(truncate(huge, 10 << 20) == 0)
            let big = try ChildProcess(["keymap", "--check", huge], environment: ["HOME": directory])
            let (bigRun, bigInTime) = await big.finish(within: .seconds(30))
            #expect(bigInTime)
            #expect(bigRun.status == 78)
            #expect(bigRun.stderr.contains("larger than 1 MiB; refused before reading"), "\(bigRun.stderr)")
        }
    }
}
