import ArgumentParser
import ConnectSandbox
import Foundation
import Logging

/// `canceldesk sandbox`: serve the Connect + vendor emulation on 127.0.0.1 until SIGINT/SIGTERM.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a sandbox that emulates Connect and a vendor API, with seeded data and fault injection."
    )

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind (0 = any free port).") var port = 0
    @Option(help: "Seeded pending cancel requests.") var requests = SandboxOptions().requests
    @Option(help: "Seed for the data and the injected faults.") var seed: UInt64 = 1
    @Option(help: "Largest page the server returns, whatever limit is asked.") var pageCap = 100
    @Option(help: "Latency added to every Connect call, in ms.") var latencyMs = 0
    @Option(help: "Latency added to every vendor call, in ms.") var vendorLatencyMs = 0
    @Option(help: "Fraction of Connect calls answered with an injected 5xx.") var errorRate = 0.0
    @Option(help: "Fraction of vendor calls answered with an injected 5xx.") var vendorErrorRate = 0.0
    @Option(help: "Connect calls per second before 429 + Retry-After.") var rateLimit: Double?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard requests >= 0 else { throw ValidationError("--requests must not be negative") }
        guard pageCap >= 1 else { throw ValidationError("--page-cap must be at least 1") }
        guard latencyMs >= 0, vendorLatencyMs >= 0 else { throw ValidationError("latencies must not be negative") }
        for (name, rate) in [("--error-rate", errorRate), ("--vendor-error-rate", vendorErrorRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        if let rateLimit, rateLimit <= 0 { throw ValidationError("--rate-limit must be positive") }
    }

    func run() async throws {
        var options = SandboxOptions()
        options.host = host
        options.port = port
        options.requests = requests
        options.seed = seed
        options.pageCap = pageCap
        options.latencyMs = latencyMs
        options.vendorLatencyMs = vendorLatencyMs
        options.errorRate = errorRate
        options.vendorErrorRate = vendorErrorRate
        options.rateLimit = rateLimit
        let logger = Logger(label: "canceldesk.sandbox") { StreamLogHandler.standardError(label: $0) }
        let apiKey = options.apiKey
        try await Sandbox(options: options, logger: logger).run(handleSignals: true) { endpoints in
            // Exactly these two lines first on stdout (scripts read them); everything else on stderr.
            Console.verbatim("connect \(endpoints.connectURL)\nvendor \(endpoints.vendorURL)\n")
            Console.verbatim("sandbox API key: \(apiKey)\n", toError: true)
        }
    }
}
