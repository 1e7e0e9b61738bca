import AsyncHTTPClient
import CancelDeskCore
import CancelDeskOps
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Testing

/// Issue 13: the admin endpoint, on 127.0.0.1 port 0, stopped by the test itself.
@Suite struct AdminServerTests {
    struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var text: String
    }

    /// Runs an ``AdminServer`` in a `ServiceGroup` (no signals), gives `body` its URL, then shuts it down gracefully
    /// and waits for it to end (within 10 s, else the test fails and the server is cancelled).
    ///
    /// With `keepClientOpen`, the client (and its idle keep-alive connection, as a Prometheus scraper keeps one) is
    /// shut down only after the server stopped.
    static func withAdmin(
        state: OpsState, registry: PrometheusCollectorRegistry, keepClientOpen: Bool = false,
        _ body: @Sendable (String, HTTPClient) async throws -> Void
    ) async throws {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let server = AdminServer(
            address: AdminAddress(host: "127.0.0.1", port: 0), registry: registry, state: state,
            onListening: { continuation.yield($0) })
        let group = ServiceGroup(
            services: [server], gracefulShutdownSignals: [], cancellationSignals: [],
            logger: Logger(label: "admin-test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else {
                Issue.record("the admin server never reported its address")
                try await http.shutdown()
                return
            }
            #expect(url.hasPrefix("http://127.0.0.1:"))
            #expect(!url.hasSuffix(":0"))
            do {
                try await body(url, http)
            } catch {
                Issue.record(error)
            }
            if !keepClientOpen { try await http.shutdown() }
            await group.triggerGracefulShutdown()
            tasks.addTask {
                try await Task.sleep(for: .seconds(10))
                throw CancellationError()
            }
            do {
                try await tasks.next()
            } catch {
                Issue.record("the admin server did not stop within 10 s of a graceful shutdown: \(error)")
            }
            tasks.cancelAll()
        }
        if keepClientOpen { try? await http.shutdown() }
    }

    static func get(_ url: String, _ http: HTTPClient) async throws -> Answer {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            text: String(buffer: body))
    }

    @Test func healthzAnswersOkWhileTheProcessRuns() async throws {
        let registry = PrometheusCollectorRegistry()
        try await Self.withAdmin(state: OpsState(registry: registry), registry: registry) { url, http in
            let answer = try await Self.get(url + "/healthz", http)
            #expect(answer.status == 200)
            #expect(answer.text == "ok")
        }
    }

    @Test func readyzIsUnavailableUntilAPassEndsNormally() async throws {
        let registry = PrometheusCollectorRegistry()
        let state = OpsState(registry: registry)
        try await Self.withAdmin(state: state, registry: registry) { url, http in
            let before = try await Self.get(url + "/readyz", http)
            #expect(before.status == 503)
            #expect(before.text == "no pass has ended yet")

            state.passEnded(RunSummary())
            let ready = try await Self.get(url + "/readyz", http)
            #expect(ready.status == 200)
            #expect(ready.text == "ready")

            var broken = RunSummary()
            broken.circuitOpenedBy = .vendor
            state.passEnded(broken)
            let open = try await Self.get(url + "/readyz", http)
            #expect(open.status == 503)
            #expect(open.text.contains("circuit breaker open: vendor"))
        }
    }

    @Test func metricsServesThePrometheusTextFormat() async throws {
        let registry = PrometheusCollectorRegistry()
        let state = OpsState(registry: registry)
        try await Self.withAdmin(state: state, registry: registry) { url, http in
            state.record(.snapshot(count: 2, skipped: [], reportedTotal: 2))
            for id in ["PR-1", "PR-2"] {
                state.record(.finished(RequestResult(requestID: id, kind: .approved, detail: "cancelled")))
            }
            let answer = try await Self.get(url + "/metrics", http)
            #expect(answer.status == 200)
            #expect(answer.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = answer.text.split(separator: "\n").map(String.init)
            #expect(lines.contains(#"canceldesk_decisions_total{outcome="approved"} 2"#), "\(answer.text)")
            #expect(lines.contains("# TYPE canceldesk_decisions_total counter"))
            #expect(lines.contains("canceldesk_queue_pending 2.0"), "\(answer.text)")
        }
    }

    @Test func anUnknownPathIsNotFound() async throws {
        let registry = PrometheusCollectorRegistry()
        try await Self.withAdmin(state: OpsState(registry: registry), registry: registry) { url, http in
            let answer = try await Self.get(url + "/nothing-here", http)
            #expect(answer.status == 404)
        }
    }

    /// A graceful shutdown ends the server even while a scraper keeps its connection open.
    @Test func gracefulShutdownClosesAnIdleScraperConnection() async throws {
        let registry = PrometheusCollectorRegistry()
        try await Self.withAdmin(state: OpsState(registry: registry), registry: registry, keepClientOpen: true) {
            url, http in
            let answer = try await Self.get(url + "/metrics", http)
            #expect(answer.status == 200)
        }
    }

    /// Cancelling the task that runs the server ends it (the lead's grace period ends in cancellation).
    @Test func cancellationStopsTheServer() async throws {
        let registry = PrometheusCollectorRegistry()
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let server = AdminServer(registry: registry, state: OpsState(registry: registry)) { continuation.yield($0) }
        let started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try? await server.run() }
            var iterator = urls.makeAsyncIterator()
            let url = await iterator.next()
            #expect(url?.hasPrefix("http://127.0.0.1:") == true)
            tasks.cancelAll()
            await tasks.waitForAll()
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// A port that is taken: `run` throws instead of hanging or serving nothing.
    @Test func anAddressInUseThrows() async throws {
        let registry = PrometheusCollectorRegistry()
        let state = OpsState(registry: registry)
        try await Self.withAdmin(state: state, registry: registry) { url, _ in
            let port = Int(url.split(separator: ":").last ?? "") ?? 0
            let second = AdminServer(address: AdminAddress(port: port), registry: registry, state: state)
            await #expect(throws: (any Error).self) { try await second.run() }
        }
    }
}
