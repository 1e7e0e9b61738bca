import Foundation
import Testing

/// The reliability suites (`scripts/reliability.sh`), gated: they start sandboxes and many processes, so they run
/// only with `CANCELDESK_RELIABILITY=1`. The suite is `secrets` (~25 s) unless `CANCELDESK_RELIABILITY_SUITE`
/// names another (`faults`, `crashes`, `races`, `all`); the mode is `short` unless `CANCELDESK_RELIABILITY_MODE`
/// says `long`. The script runs against the binary these tests were built with.
@Suite struct ReliabilityScriptTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["CANCELDESK_RELIABILITY"] == "1", "set CANCELDESK_RELIABILITY=1 to run"))
    func theReliabilitySuitePasses() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/reliability.sh")
        let mode = Self.environment["CANCELDESK_RELIABILITY_MODE"] ?? "short"
        let suite = Self.environment["CANCELDESK_RELIABILITY_SUITE"] ?? "secrets"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, mode, suite]
        var environment = Self.environment
        environment["CANCELDESK_BIN"] = BinaryRun.executable.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let failures = text.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        #expect(process.terminationStatus == 0, "scripts/reliability.sh \(mode) \(suite):\n\(text)")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(text.contains(" passed, 0 failed"), "no final tally:\n\(text.suffix(2_000))")
    }
}
