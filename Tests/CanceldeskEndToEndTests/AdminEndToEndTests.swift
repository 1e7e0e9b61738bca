import AsyncHTTPClient
import ConnectSandbox
import ConnectWire
import Foundation
import NIOCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13's "Done when", on the built binary against the in-process sandbox: `--auto --watch 5 --admin
/// 127.0.0.1:0` serves `/metrics` whose decision counters match the `--json` decision lines, `/readyz` is unready
/// while the vendor answers 503 to everything and ready again after, and SIGTERM ends the run within its bound with
/// the summary written last.
@Suite(.serialized) struct AdminEndToEndTests {
    struct Answer {
        var status: Int
        var body: String
    }

    static func get(_ url: String) async -> Answer? {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)),
            let body = try? await response.body.collect(upTo: 4 << 20)
        else { return nil }
        return Answer(status: Int(response.status.code), body: String(buffer: body))
    }

    static func faults(_ endpoints: SandboxEndpoints, _ rules: [WireFaultRule]) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(endpoints.port)/_sandbox/faults")
        request.method = rules.isEmpty ? .DELETE : .POST
        if !rules.isEmpty {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(WireFaultScript(rules: rules))))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(response.status.code == 200)
    }

    /// Polls `url` until `done` holds for its answer (bounded); returns the last answer.
    static func poll(_ url: String, seconds: Int, until done: (Answer) -> Bool) async throws -> Answer? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last: Answer?
        while ContinuousClock.now < deadline {
            last = await get(url)
            if let last, done(last) { return last }
            try await Task.sleep(for: .milliseconds(250))
        }
        return last
    }

    /// `canceldesk_decisions_total{outcome="…"} N` lines of a scrape, by outcome.
    static func decisionCounters(_ metrics: String) -> [String: Int] {
        var counters: [String: Int] = [:]
        for line in metrics.split(separator: "\n") where line.hasPrefix("canceldesk_decisions_total{outcome=\"") {
            let outcome = line.dropFirst("canceldesk_decisions_total{outcome=\"".count).prefix { $0 != "\"" }
            let value = line.split(separator: " ").last.flatMap { Double($0) } ?? -1
            counters[String(outcome)] = Int(value)
        }
        return counters
    }

    @Test func metricsMatchTheDecisionLinesAndReadinessFollowsTheVendor() async throws {
        var options = SandboxOptions()
        options.requests = 12
        options.seed = 21
        try await withSandbox(options) { endpoints in
            // The vendor answers 503 to everything from the start.
            try await Self.faults(
                endpoints, [WireFaultRule(method: "POST", pathPrefix: "/vendor/", status: 503, count: 1_000_000)])
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            var environment = workspace.environment
            environment["CANCELDESK_STOP_GRACE_SECONDS"] = "2"
            let child = try ChildProcess(
                ["--auto", "--watch", "5", "--admin", "127.0.0.1:0", "--json"], environment: environment)

            var admin: String?
            let started = ContinuousClock.now
            while admin == nil, ContinuousClock.now - started < .seconds(30) {
                admin = child.stderr.split(separator: "\n").first { $0.hasPrefix("admin http://") }
                    .map { String($0.dropFirst("admin ".count)) }
                if admin == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let base = try #require(admin, "no `admin http://…` line on stderr: \(child.stderr)")
            #expect(await Self.get(base + "/healthz")?.status == 200)

            #expect(await Self.get(base + "/readyz")?.status == 503, "not ready before a pass has ended")
            let unready = try await Self.poll(base + "/readyz", seconds: 90) { $0.body.contains("vendor") }
            #expect(unready?.status == 503, "\(String(describing: unready))")
            #expect(unready?.body.contains("vendor") == true, "\(String(describing: unready))")

            // The vendor recovers: the next pass (after the breaker's pause) approves, and the process is ready.
            try await Self.faults(endpoints, [])
            let ready = try await Self.poll(base + "/readyz", seconds: 120) { $0.status == 200 }
            #expect(ready?.status == 200, "\(String(describing: ready)); stderr: \(child.stderr)")

            // Right after a pass (the next one is 5 s away): the counters and the decision lines agree.
            let metrics = try #require(await Self.get(base + "/metrics"))
            let lines = child.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
            var fromLines: [String: Int] = [:]
            for line in lines where line["event"] as? String == "decision" {
                fromLines[line["outcome"] as? String ?? "?", default: 0] += 1
            }
            let counters = Self.decisionCounters(metrics.body).filter { $0.value > 0 }
            #expect(counters == fromLines, "metrics \(counters) vs --json \(fromLines)")
            #expect((fromLines["approved"] ?? 0) > 0, "the recovered vendor approved requests: \(fromLines)")
            #expect(metrics.body.contains("canceldesk_calls_total{upstream=\"vendor\",status=\"503\"}"))
            for upstream in ["connect", "vendor"] {
                #expect(metrics.body.contains("canceldesk_concurrency{upstream=\"\(upstream)\"}"), "\(metrics.body)")
                #expect(metrics.body.contains("canceldesk_breaker_open{upstream=\"\(upstream)\"}"))
            }
            for name in [
                "canceldesk_queue_pending", "canceldesk_needs_review", "canceldesk_last_pass_timestamp_seconds",
                "canceldesk_call_duration_seconds_bucket",
            ] {
                #expect(metrics.body.contains(name), "\(name) missing")
            }

            let signalled = ContinuousClock.now
            child.signal(SIGTERM)
            let (run, inTime) = await child.finish(within: .seconds(30))
            #expect(inTime, "still running 30 s after SIGTERM")
            #expect(ContinuousClock.now - signalled < .seconds(12), "grace 2 s plus the bound")
            let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(last.hasPrefix(#"{"event":"summary","#), "the summary is last: \(last)")
        }
    }
}
