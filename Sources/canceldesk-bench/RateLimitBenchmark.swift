import AsyncHTTPClient
import CancelDeskCore
import ConnectClient
import ConnectSandbox
import Foundation
import Journal
import VendorClient

/// Issue 13: `--auto` (1,000 requests, concurrency 32) against a sandbox whose Connect answers 429 + `Retry-After: 1`
/// above 20 requests/s, once with today's fixed concurrency and once with the adaptive (AIMD) limits.
///
/// The sandbox's token bucket (capacity 20, 20 tokens/s) counts every Connect API call (`/public/v1`, reads and
/// actions alike), not the vendor's (`/vendor/v1`, never rate limited). Throughput is therefore Connect calls
/// answered with something other than 429, per second of the run, as a share of the limit of 20/s; the 429 share is
/// the sandbox's own count (`/_sandbox/stats` `responses_429`) over every Connect call made. Connect answers in
/// 50 ms and the vendor in 100 ms, as in the `--auto` figures.
enum RateLimitBenchmark {
    static let rateLimit = 20.0
    static let requests = 1_000
    static let concurrency = 32

    enum Mode: String, CaseIterable {
        case fixed, adaptive
    }

    static func run(_ mode: Mode) async throws -> [Figure] {
        var options = SandboxWiring.sandboxOptions(
            requests: requests, latencyMs: AutoBenchmark.connectLatencyMs,
            vendorLatencyMs: AutoBenchmark.vendorLatencyMs)
        options.rateLimit = rateLimit
        let directory = try Measure.temporaryDirectory("ratelimit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await withSandbox(options, logger: quietLogger) { endpoints in
            let http = ConnectClient.makeHTTPClient()
            do {
                // Fixed: a limiter that never waits (no ceiling an --auto run could reach) and never adapts; it only
                // counts the calls, so both runs are measured alike.
                let connectLimiter =
                    mode == .adaptive
                    ? ConcurrencyLimiter(max: concurrency) : ConcurrencyLimiter(max: 1 << 20, adaptive: false)
                let vendorLimiter = mode == .adaptive ? ConcurrencyLimiter(max: concurrency) : nil
                let client = ConnectClient(
                    configuration: ConnectClientConfiguration(
                        baseURL: endpoints.connectURL, apiKey: SandboxWiring.apiKey, pageSize: 100),
                    http: http, logger: quietLogger, limiter: connectLimiter)
                let journal = try SQLiteJournal.open(path: directory + "/journal.sqlite", logger: quietLogger)
                let engine = SandboxWiring.autoEngine(
                    endpoints, requests: client, journal: journal, http: http, vendorLimiter: vendorLimiter)
                let (summary, seconds) = await Measure.wall {
                    await engine.runQueue(QueueOptions(concurrency: concurrency)) { false }
                }
                try? journal.close()
                let responses429 = try await Self.responses429(port: endpoints.port, http: http)
                try await http.shutdown()
                let counts = connectLimiter.counts
                let calls = counts.successes + counts.rateLimited + counts.serverErrors + counts.neutral
                let answered = calls - responses429
                let perSecond = Double(answered) / seconds
                let throughput = perSecond / rateLimit * 100
                let share = calls > 0 ? Double(responses429) / Double(calls) * 100 : 0
                let adaptive = mode == .adaptive
                let label = adaptive ? "rate limit 20/s, AIMD" : "rate limit 20/s, fixed c32"
                let detail: [String: Double] = [
                    "seconds": seconds, "connect_calls": Double(calls), "responses_429": Double(responses429),
                    "answered_per_second": perSecond, "approved": Double(summary.approved),
                    "skipped": Double(summary.skipped), "needs_review": Double(summary.needsReview),
                    "failed": Double(summary.failed), "lowest_limit": Double(counts.lowestLimit),
                    "final_limit": Double(connectLimiter.limit), "limit_changes": Double(counts.changes),
                ]
                let note = String(
                    format: "%.1f s; %.1f answered calls/s of 20; %d of %d Connect calls 429; %d of %d approved",
                    seconds, perSecond, responses429, calls, summary.approved, requests)
                var limits = adaptive ? String(format: "; Connect limit ≥ %d", counts.lowestLimit) : ""
                if let breaker = summary.circuitOpenedBy { limits += "; stopped: \(breaker) breaker open" }
                if let reason = summary.stopReason { limits += "; stopped: \(reason)" }
                return [
                    Figure(
                        id: "ratelimit.\(mode.rawValue).throughput", label: label + ", throughput", value: throughput,
                        unit: "% of limit", aim: adaptive ? Aim(limit: 90, text: "≥ 90 %", atLeast: true) : nil,
                        detail: detail, note: note + limits),
                    Figure(
                        id: "ratelimit.\(mode.rawValue).share_429", label: label + ", calls answered 429",
                        value: share, unit: "%", aim: adaptive ? Aim(limit: 5, text: "< 5 %") : nil,
                        detail: ["responses_429": Double(responses429), "connect_calls": Double(calls)],
                        note: String(format: "%d of %d", responses429, calls)),
                    Figure(
                        id: "ratelimit.\(mode.rawValue).approved", label: label + ", requests approved",
                        value: Double(summary.approved), unit: "",
                        detail: ["seconds": seconds],
                        note: String(
                            format: "of %d; %d skipped, %d needs review, %d failed", requests, summary.skipped,
                            summary.needsReview, summary.failed)),
                ]
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }

    /// The sandbox's count of 429 answers (`GET /_sandbox/stats`).
    static func responses429(port: Int, http: HTTPClient) async throws -> Int {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/_sandbox/stats")
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        guard let count = object?["responses_429"] as? Int else { throw StatsUnreadable() }
        return count
    }

    struct StatsUnreadable: Error, CustomStringConvertible {
        var description: String { "the sandbox's /_sandbox/stats has no responses_429" }
    }
}
