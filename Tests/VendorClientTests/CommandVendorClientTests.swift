import CancelDeskCore
import Foundation
import Testing

@testable import VendorClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct CommandVendorClientTests {
    /// A temporary directory with one shell script in it; removed by `cleanUp()`.
    struct Script {
        let directory: URL
        let path: String

        init(_ text: String) throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("canceldesk-vendor-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("vendor.sh").path
            try Data(("#!/bin/sh\n" + text + "\n").utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        var capture: String { directory.appendingPathComponent("capture").path }

        func run(
            _ order: VendorCancelOrder = Fixtures.order(), arguments: [String] = [],
            timeout: Duration = .seconds(20), killGrace: Duration = .seconds(2)
        ) async -> VendorOutcome {
            let settings = CommandVendorSettings(executable: path, arguments: arguments, timeout: timeout)
            let client = CommandVendorClient(settings: settings, logger: Fixtures.quietLogger, killGrace: killGrace)
            return await client.cancel(order)
        }

        func cleanUp() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func exitZeroIsACancelAndStdinHoldsTheOrder() async throws {
        let script = try Script(#"cat > "$1"; echo "  Subscription SUB-1001 cancelled  ""#)
        defer { script.cleanUp() }
        let order = Fixtures.order(reason: "Line one\nline \"two\" — ünï")
        let outcome = await script.run(order, arguments: [script.capture])
        #expect(outcome == .cancelled(alreadyCancelled: false, message: "Subscription SUB-1001 cancelled"))
        let stdin = try Data(contentsOf: URL(fileURLWithPath: script.capture))
        #expect(stdin == CommandVendorClient.input(for: order))
        let json = try #require(try JSONSerialization.jsonObject(with: stdin) as? [String: Any])
        #expect(json["request_id"] as? String == "PR-1234-5678-9012-001")
        #expect(json["subscription_id"] as? String == "SUB-1001")
        #expect(json["idempotency_key"] as? String == "cbc1-PR-1234-5678-9012-001-cancel")
        #expect(json["reason"] as? String == "Line one\nline \"two\" — ünï")
        #expect(json["asset_id"] as? String == "AS-1234-5678-9012")
        #expect(json["product_id"] as? String == "PRD-111-222-333")
        #expect(json["customer_id"] as? String == "TA-0001-0002-0003")
        #expect(json["parameters"] as? [String: String] == ["subscription_id": "SUB-1001", "tenant": "acme/eu west"])
    }

    @Test func alreadyCancelledOnStdoutIsSaid() async throws {
        let script = try Script(#"cat > /dev/null; echo '{"result":"already_cancelled"}'"#)
        defer { script.cleanUp() }
        #expect(await script.run() == .cancelled(alreadyCancelled: true, message: #"{"result":"already_cancelled"}"#))
    }

    @Test func exit75IsTransient() async throws {
        let script = try Script("echo 'vendor busy, try later' >&2; exit 75")
        defer { script.cleanUp() }
        #expect(await script.run() == .transient(message: "vendor busy, try later", retryAfter: nil))
    }

    @Test func anotherExitIsPermanentWithTheOutput() async throws {
        let script = try Script("echo 'checked SUB-1001'; echo 'subscription is locked by legal hold' >&2; exit 1")
        defer { script.cleanUp() }
        #expect(
            await script.run()
                == .permanent(
                    message: "checked SUB-1001\nsubscription is locked by legal hold", answer: "exit 1"))
    }

    @Test func aSilentFailureSaysHowItEnded() async throws {
        let script = try Script("exit 3")
        defer { script.cleanUp() }
        #expect(await script.run() == .permanent(message: "the vendor command exited 3", answer: "exit 3"))
    }

    @Test func deathBySignalIsPermanent() async throws {
        let script = try Script("kill -9 $$")
        defer { script.cleanUp() }
        #expect(
            await script.run() == .permanent(message: "the vendor command was killed by signal 9", answer: "signal 9"))
    }

    @Test func aCommandBeyondItsTimeoutIsKilledAndTransient() async throws {
        let script = try Script("exec sleep 30")
        defer { script.cleanUp() }
        #expect(
            await script.run(timeout: .milliseconds(300))
                == .transient(
                    message: "the vendor command timed out after 0.3 s and was killed", retryAfter: nil))
    }

    @Test func aCommandIgnoringSIGTERMIsKilled() async throws {
        let script = try Script("trap '' TERM; exec sleep 30")
        defer { script.cleanUp() }
        #expect(
            await script.run(timeout: .milliseconds(300), killGrace: .milliseconds(200))
                == .transient(
                    message: "the vendor command timed out after 0.3 s and was killed", retryAfter: nil))
    }

    #if os(Linux)
        @Test func aTimeoutStopsTheCommandsChildrenToo() async throws {
            // The command leaves a grandchild holding its output. Only a signal to the whole process group stops
            // it; the call returns once the output has closed or a grace period passed, and then it must be gone.
            let script = try Script(#"sleep 30 & echo $! > "$1"; wait"#)
            defer { script.cleanUp() }
            let outcome = await script.run(arguments: [script.capture], timeout: .seconds(2), killGrace: .seconds(1))
            #expect(
                outcome == .transient(message: "the vendor command timed out after 2 s and was killed", retryAfter: nil)
            )
            let text = try String(contentsOfFile: script.capture, encoding: .utf8)
            let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            // Gone, or a zombie waiting for its new parent to reap it. A killed process closes its descriptors (which
            // ends the call) a moment before it turns into a zombie: allow that moment under load.
            func state() -> Substring? {
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
                return stat.flatMap { $0.split(separator: ")").last?.split(separator: " ").first }
            }
            for _ in 0..<20 where state() != nil && state() != "Z" {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(state() == nil || state() == "Z", "state \(String(describing: state()))")
        }
    #endif

    #if os(Linux)
        @Test func theCommandStartsWithNoBlockedOrIgnoredSignals() async throws {
            let script = try Script("exec cat /proc/self/status")
            defer { script.cleanUp() }
            guard case .cancelled(_, let status) = await script.run() else {
                Issue.record("expected the status file on stdout")
                return
            }
            func mask(_ name: String) -> UInt64? {
                status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                    .flatMap { UInt64($0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces), radix: 16) }
            }
            #expect(mask("SigBlk") == 0)
            // Standard signals only: glibc keeps two real-time signals for itself.
            #expect(mask("SigIgn").map { $0 & 0x7FFF_FFFF } == 0)
        }
    #endif

    @Test func aGrandchildHoldingTheOutputOpenDoesNotHoldTheCall() async throws {
        let script = try Script("cat > /dev/null; sleep 5 & echo done")
        defer { script.cleanUp() }
        #expect(await script.run(killGrace: .milliseconds(200)) == .cancelled(alreadyCancelled: false, message: "done"))
    }

    @Test func largeOutputIsCappedWithoutDeadlock() async throws {
        let script = try Script(
            "head -c 300000 /dev/zero | tr '\\0' o; head -c 300000 /dev/zero | tr '\\0' e >&2; exit 2")
        defer { script.cleanUp() }
        guard case .permanent(let message, false, "exit 2") = await script.run() else {
            Issue.record("expected a permanent outcome")
            return
        }
        #expect(message.count == 2 * CommandVendorClient.outputCap + 1)
        #expect(message.hasPrefix("ooo") && message.hasSuffix("eee"))
    }

    @Test func theCommandGetsAMinimalEnvironment() async throws {
        setenv("CANCELDESK_TEST_SECRET", "hunter2-do-not-leak", 1)
        defer { unsetenv("CANCELDESK_TEST_SECRET") }
        let script = try Script(#"env > "$1""#)
        defer { script.cleanUp() }
        #expect(
            await script.run(arguments: [script.capture])
                == .cancelled(
                    alreadyCancelled: false, message: "the vendor command exited 0"))
        let lines = try String(contentsOfFile: script.capture, encoding: .utf8).split(separator: "\n").map(String.init)
        let names = Set(lines.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
        #expect(!lines.joined().contains("hunter2-do-not-leak"))
        #expect(lines.contains("CANCELDESK_REQUEST_ID=PR-1234-5678-9012-001"))
        #expect(names.isSubset(of: ["PATH", "HOME", "LANG", "CANCELDESK_REQUEST_ID", "PWD", "SHLVL", "_", "OLDPWD"]))
    }

    @Test func aMissingExecutableIsAPermanentConfigurationError() async throws {
        let settings = CommandVendorSettings(executable: "/nonexistent/canceldesk-vendor")
        let client = CommandVendorClient(settings: settings, logger: Fixtures.quietLogger)
        #expect(
            await client.cancel(Fixtures.order())
                == .permanent(
                    message: "the vendor command cannot run: /nonexistent/canceldesk-vendor does not exist or is "
                        + "not executable"))
        #expect(await client.checkReachability()?.contains("does not exist") == true)
        let relative = CommandVendorClient(
            settings: CommandVendorSettings(executable: "vendor.sh"), logger: Fixtures.quietLogger)
        #expect(
            await relative.cancel(Fixtures.order())
                == .permanent(
                    message: "the vendor command cannot run: vendor.sh is not an absolute path"))
    }

    @Test func anExistingExecutableIsReachable() async throws {
        let script = try Script("exit 0")
        defer { script.cleanUp() }
        let client = CommandVendorClient(
            settings: CommandVendorSettings(executable: script.path), logger: Fixtures.quietLogger)
        #expect(await client.checkReachability() == nil)
    }

    @Test func theFactoryPicksTheAdapter() async throws {
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(1))
        let logger = Fixtures.quietLogger
        let made: [any VendorAPI] = [
            VendorClientFactory.make(
                .http(HTTPVendorSettings(baseURL: "https://v.example")), http: http, logger: logger),
            VendorClientFactory.make(
                .template(HTTPTemplateSettings(url: "https://v.example/c")), http: http, logger: logger),
            VendorClientFactory.make(
                .command(CommandVendorSettings(executable: "/bin/true")), http: http, logger: logger),
        ]
        try await http.shutdown()
        #expect(made[0] is HTTPVendorClient)
        #expect(made[1] is HTTPTemplateVendorClient)
        #expect(made[2] is CommandVendorClient)
    }

    // Issue 9, case 7: the command's output is what an operator (and maybe a customer) reads: no secrets in it.
    @Test func secretsInTheCommandsOutputAreRedacted() async throws {
        let registered = "cmd-secret-" + UUID().uuidString
        SecretRedactor.register(registered)
        for (exit, stream) in [(0, ""), (2, ">&2"), (75, "")] {
            let script = try Script(
                "cat > /dev/null; echo 'Authorization: Bearer tok_live_abcdef123456' \(stream); "
                    + "echo 'used \(registered)'; exit \(exit)")
            defer { script.cleanUp() }
            let text = "\(await script.run())"
            #expect(!text.contains("tok_live_abcdef123456"), "exit \(exit): \(text)")
            #expect(!text.contains(registered), "exit \(exit): \(text)")
            #expect(text.contains(SecretRedactor.mask), "exit \(exit): \(text)")
        }
    }

    // Issue 9, case 5: cancelling the calling task kills the command at once and says so.
    @Test func cancellingTheCallerKillsTheCommand() async throws {
        let script = try Script(#"echo $$ > "$1"; exec sleep 30"#)
        defer { script.cleanUp() }
        let started = ContinuousClock.now
        let outcome = await withTaskGroup(of: VendorOutcome.self, returning: VendorOutcome?.self) { group in
            group.addTask { await script.run(arguments: [script.capture], timeout: .seconds(60)) }
            try? await Task.sleep(for: .milliseconds(500))
            group.cancelAll()
            return await group.next()
        }
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(outcome == .transient(message: "the vendor command was stopped (call cancelled)", retryAfter: nil))
        let text = try String(contentsOfFile: script.capture, encoding: .utf8)
        let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0)
    }
}
