import AsyncHTTPClient
import CancelDeskCore
import ConnectClient
import ConnectSandbox
import Foundation
import Journal
import Logging
import VendorClient

#if canImport(Glibc)
    import Glibc
#endif

let quietLogger = Logger(label: "canceldesk-bench") { _ in SwiftLogNoOpLogHandler() }

/// Wiring against a sandbox, as `DemoSandbox.configuration(_:)` does it for `--demo`.
enum SandboxWiring {
    static var apiKey: ConnectAPIKey { ConnectAPIKey(SandboxOptions().apiKey)! }
    static var scope: QueueScope { QueueScope(products: SandboxCatalog.productIDs) }

    static func settings(connectURL: String) -> EngineSettings {
        var templates: [String: String] = [:]
        for product in SandboxCatalog.productIDs { templates[product] = SandboxCatalog.templateID(forProduct: product) }
        return EngineSettings(
            scope: scope, templates: templates, subscriptionParameter: SandboxCatalog.subscriptionParameterID,
            keySalt: "canceldesk-bench", connectHost: CancelDeskConfiguration.host(of: connectURL))
    }

    static func client(_ connectURL: String, http: HTTPClient, pageConcurrency: Int = 4) -> ConnectClient {
        ConnectClient(
            configuration: ConnectClientConfiguration(
                baseURL: connectURL, apiKey: apiKey, pageSize: 100, pageConcurrency: pageConcurrency),
            http: http, logger: quietLogger)
    }

    /// An unattended engine against the sandbox at `endpoints`: `requests` for Connect, the default vendor contract
    /// (through `vendorLimiter` when given) and `journal`.
    static func autoEngine(
        _ endpoints: SandboxEndpoints, requests: ConnectClient, journal: SQLiteJournal, http: HTTPClient,
        vendorLimiter: ConcurrencyLimiter? = nil
    ) -> CancelEngine {
        let vendor = VendorClientFactory.make(
            .http(HTTPVendorSettings(baseURL: endpoints.vendorURL)), http: http, logger: quietLogger,
            limiter: vendorLimiter)
        return CancelEngine(
            requests: requests, vendor: vendor, journal: journal, settings: settings(connectURL: endpoints.connectURL),
            identity: identity(.auto), logger: quietLogger)
    }

    static func identity(_ mode: RunMode) -> AuditIdentity {
        AuditIdentity(mode: mode, osUser: "bench", host: "bench", connectUser: "bench", owner: "bench:\(getpid())")
    }

    static func sandboxOptions(requests: Int, latencyMs: Int, vendorLatencyMs: Int = 0) -> SandboxOptions {
        var options = SandboxOptions()
        options.requests = requests
        options.pageCap = 100
        options.latencyMs = latencyMs
        options.vendorLatencyMs = vendorLatencyMs
        options.seed = 7
        return options
    }
}

/// `--auto` throughput: a fresh sandbox (Connect 50 ms, vendor 100 ms) and a fresh journal per run.
enum AutoBenchmark {
    static let connectLatencyMs = 50
    static let vendorLatencyMs = 100

    static func run(requests: Int, concurrency: Int) async throws -> [Figure] {
        let options = SandboxWiring.sandboxOptions(
            requests: requests, latencyMs: connectLatencyMs, vendorLatencyMs: vendorLatencyMs)
        let directory = try Measure.temporaryDirectory("auto")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await withSandbox(options, logger: quietLogger) { endpoints in
            let http = ConnectClient.makeHTTPClient()
            do {
                let client = SandboxWiring.client(endpoints.connectURL, http: http)
                // The listing part of the floor: the same listing the pass starts with (read-only).
                let (listed, listingSeconds) = try await Measure.wall {
                    try await client.pendingCancelRequests(in: SandboxWiring.scope)
                }
                let journal = try SQLiteJournal.open(path: directory + "/journal.sqlite", logger: quietLogger)
                let engine = SandboxWiring.autoEngine(endpoints, requests: client, journal: journal, http: http)
                let (summary, seconds) = await Measure.wall {
                    await engine.runQueue(QueueOptions(concurrency: concurrency)) { false }
                }
                try? journal.close()
                try await http.shutdown()
                let n = Double(listed.requests.count)
                let floor =
                    n * Double(vendorLatencyMs + connectLatencyMs) / 1_000 / Double(concurrency) + listingSeconds
                let ratio = seconds / floor
                let aim = concurrency >= 32 ? Aim(limit: 1.5, text: "≤ 1.5× floor") : nil
                return [
                    Figure(
                        id: "auto.\(requests).c\(concurrency).ratio",
                        label: "--auto \(requests) req, concurrency \(concurrency)", value: ratio, unit: "× floor",
                        aim: aim,
                        detail: [
                            "seconds": seconds, "floor_seconds": floor, "listing_seconds": listingSeconds,
                            "listed": n, "approved": Double(summary.approved), "skipped": Double(summary.skipped),
                            "needs_review": Double(summary.needsReview), "failed": Double(summary.failed),
                            "rejected": Double(summary.rejected), "requests_per_second": n / seconds,
                        ],
                        note: String(
                            format: "%.1f s vs floor %.1f s; %.0f req/s; %d approved of %.0f", seconds, floor,
                            n / seconds, summary.approved, n))
                ]
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }
}

/// Listing with a 100-row page cap and 50 ms latency: pages one after another versus concurrent pages.
enum ListingBenchmark {
    static func run(requests: Int, concurrencies: [Int]) async throws -> [Figure] {
        let options = SandboxWiring.sandboxOptions(requests: requests, latencyMs: 50)
        return try await withSandbox(options, logger: quietLogger) { endpoints in
            let http = ConnectClient.makeHTTPClient()
            var figures: [Figure] = []
            var sequential: Double?
            do {
                for concurrency in concurrencies {
                    let client = SandboxWiring.client(endpoints.connectURL, http: http, pageConcurrency: concurrency)
                    let (snapshot, seconds) = try await Measure.wall {
                        try await client.pendingCancelRequests(in: SandboxWiring.scope)
                    }
                    if concurrency == 1 { sequential = seconds }
                    let pages = (Double(snapshot.reportedTotal) / 100).rounded(.up)
                    let label =
                        concurrency == 1
                        ? "listing \(requests), sequential pages" : "listing \(requests), \(concurrency) pages at once"
                    var note = String(
                        format: "%.0f rows, %.0f pages; latency floor %.2f s", Double(snapshot.requests.count), pages,
                        pages * 0.05 / Double(concurrency))
                    if let sequential, concurrency > 1 {
                        note += String(format: "; %.1f× faster", sequential / seconds)
                    }
                    figures.append(
                        Figure(
                            id: "listing.\(requests).p\(concurrency)", label: label, value: seconds, unit: "s",
                            detail: [
                                "rows": Double(snapshot.requests.count), "pages": pages,
                                "skipped": Double(snapshot.skipped.count),
                            ], note: note))
                }
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                throw error
            }
            return figures
        }
    }
}

/// Journal commits per second: `SQLiteJournal.record` awaited in a loop (WAL, synchronous=FULL) in a temp dir.
enum JournalBenchmark {
    static func run(seconds: Double = 3) async throws -> [Figure] {
        let directory = try Measure.temporaryDirectory("journal")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try SQLiteJournal.open(path: directory + "/journal.sqlite", logger: quietLogger)
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        let states: [DecisionState] = [.vendorSending, .vendorCancelled, .approved]
        while Measure.seconds(clock.now - start) < seconds {
            let entry = JournalEntry(
                requestID: "PR-0000-0000-\(String(format: "%04d", count / 3))-001", state: states[count % 3],
                at: Date(), mode: .auto, osUser: "bench", host: "bench", connectUser: "bench",
                subscriptionID: "SUB-\(count / 3)", idempotencyKey: "cd1-\(count / 3)", vendorStatus: .cancelled,
                templateID: "TL-000-000-000", owner: "bench:\(getpid())")
            try await journal.record(entry)
            count += 1
        }
        let elapsed = Measure.seconds(clock.now - start)
        try? journal.close()
        let rate = Double(count) / elapsed
        return [
            Figure(
                id: "journal.commits_per_second", label: "journal commits (sequential record)", value: rate,
                unit: "/s", detail: ["commits": Double(count), "seconds": elapsed],
                note: String(
                    format: "%d commits in %.1f s; %.2f ms each", count, elapsed, elapsed * 1000 / Double(count)))
        ]
    }
}
