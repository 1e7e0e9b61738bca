import AsyncHTTPClient
import ConnectSandbox
import ConnectWire
import Foundation
import NIOCore

/// Runs the built `canceldesk` binary as a child process and the sandbox in this process.
struct BinaryRun {
    /// The `canceldesk` executable next to the test bundle (`.build/<config>/canceldesk`), or the one
    /// `CANCELDESK_E2E_BINARY` names (to see a test fail on an older build).
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["CANCELDESK_E2E_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("canceldesk")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        // Fallback: walk up from this file to the package and use the debug build.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/canceldesk")
    }

    struct Result {
        var status: Int32
        var signaled: Bool
        var stdout: String
        var stderr: String

        /// The JSON lines of stdout, decoded.
        var events: [[String: Any]] {
            stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
        }

        var summary: [String: Any]? { events.last { $0["event"] as? String == "summary" } }

        /// Every stdout line (a line that is not a JSON object fails ``JSONSchema/check(_:)``).
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// ``run(_:environment:)`` on a Dispatch thread: the wait for the child never holds one of Swift concurrency's
    /// few threads, which the in-process sandbox the child talks to needs (on a 2-core machine, two tests blocking
    /// both of them would leave the sandbox unable to answer).
    static func detached(_ arguments: [String], environment: [String: String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(arguments, environment: environment) })
            }
        }
    }

    /// Runs the binary with `arguments` and exactly `environment` (plus PATH and HOME), to its end.
    static func run(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        env["HOME"] = env["HOME"] ?? NSTemporaryDirectory()
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to their end before waiting, so a full pipe never blocks the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary directory with a configuration file pointing at a sandbox.
struct Workspace {
    let directory: URL
    let environment: [String: String]

    /// - Parameter extra: more top-level keys of the configuration file (`profiles`, …).
    /// - Parameter auto: the configuration's `auto` section. By default `take_assigned`, so that the reliability
    ///   tests work the whole seeded queue (the sandbox assigns a few requests to people).
    init(
        _ endpoints: SandboxEndpoints, apiKey: String = SandboxOptions().apiKey, vendorKey: String? = nil,
        auto: [String: Any] = ["take_assigned": true], connect: [String: Any] = [:], console: [String: Any] = [:],
        extra: [String: Any] = [:]
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("canceldesk-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let templates = Dictionary(
            uniqueKeysWithValues: SandboxCatalog.productIDs.map {
                ($0, SandboxCatalog.templateID(forProduct: $0))
            })
        let base: [String: Any] = [
            "url": endpoints.connectURL, "products": SandboxCatalog.productIDs, "templates": templates,
        ]
        let config: [String: Any] = [
            "connect": base.merging(connect) { $1 }, "auto": auto, "console": console,
            "vendor": ["url": endpoints.vendorURL],
            "journal": directory.appendingPathComponent("journal.sqlite").path,
        ].merging(extra) { $1 }
        let path = directory.appendingPathComponent("config.json").path
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var environment = ["CANCELDESK_CONFIG": path, "CONNECT_API_KEY": apiKey, "HOME": directory.path]
        if let vendorKey { environment["VENDOR_API_KEY"] = vendorKey }
        self.environment = environment
    }

    var journalPath: String { directory.appendingPathComponent("journal.sqlite").path }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// `GET /_sandbox/stats`.
func sandboxStats(_ endpoints: SandboxEndpoints) async throws -> WireSandboxStats {
    let request = HTTPClientRequest(url: "http://127.0.0.1:\(endpoints.port)/_sandbox/stats")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 1 << 20)
    return try JSONDecoder().decode(WireSandboxStats.self, from: Data(body.readableBytesView))
}
