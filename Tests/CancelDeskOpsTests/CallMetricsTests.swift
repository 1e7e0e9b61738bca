import AsyncHTTPClient
import CancelDeskCore
import CancelDeskOps
import CancelDeskTestSupport
import ConnectClient
import CoreMetrics
import Foundation
import Logging
import Prometheus
import Testing
import VendorClient

/// Issue 13: every Connect and vendor call is counted by upstream and status and timed per upstream, through
/// swift-metrics (bound here to a fresh registry for the task, so the process-wide system is never bootstrapped).
@Suite struct CallMetricsTests {
    static let quiet = Logger(label: "call-metrics-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let connectKey = ConnectAPIKey("ApiKey SU-900-800-700:zq9Xmetricskey77")!

    /// Runs `body` with `http` and a fresh registry bound as the task's metrics factory; shuts `http` down
    /// afterwards (also when `body` throws). Returns `body`'s result and the metrics.
    static func measuring<T: Sendable>(
        _ http: HTTPClient, _ body: @Sendable (HTTPClient) async throws -> T
    ) async throws -> (T, Exposition) {
        let registry = PrometheusCollectorRegistry()
        do {
            let result = try await withMetricsFactory(OpsMetrics.makeFactory(registry: registry)) {
                try await body(http)
            }
            try await http.shutdown()
            return (result, Exposition(registry))
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static func connect(_ server: HostileServer, _ http: HTTPClient, totalTimeout: Duration = .seconds(10))
        -> ConnectClient
    {
        let configuration = ConnectClientConfiguration(
            baseURL: server.baseURL + "/public/v1", apiKey: connectKey, totalTimeout: totalTimeout,
            readRetry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20)))
        return ConnectClient(configuration: configuration, http: http, logger: quiet, random: { 0.5 })
    }

    static func vendorHTTP() -> HTTPClient {
        HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(30))
    }

    static func vendor(_ server: HostileServer, _ http: HTTPClient, totalTimeout: Duration = .seconds(10))
        -> HTTPVendorClient
    {
        let settings = HTTPVendorSettings(
            baseURL: server.baseURL + "/vendor/v1", apiKey: Secret("vk_metrics_test_key_4242"),
            totalTimeout: totalTimeout)
        return HTTPVendorClient(settings: settings, http: http, logger: quiet)
    }

    @Test func connectCallsAreCountedByStatusAndTimed() async throws {
        let (sent, exposition) = try await Self.measuring(ConnectClient.makeHTTPClient()) { http in
            try await HostileServer.with(respond: { _ in .json(503, #"{"errors":["down"]}"#) }) { server in
                _ = try? await Self.connect(server, http).authContext()
                return await server.received.count
            }
        }
        #expect(sent >= 1)
        let calls = exposition.value("canceldesk_calls_total", [("upstream", "connect"), ("status", "503")])
        #expect(calls == Double(sent), "\(exposition.text)")
        let timed = exposition.value("canceldesk_call_duration_seconds_count", [("upstream", "connect")])
        #expect(timed == Double(sent), "\(exposition.text)")
        #expect(exposition.text.contains(#"canceldesk_call_duration_seconds_bucket{upstream="connect",le="+Inf"}"#))
    }

    @Test func connectCallsWithoutAnAnswerAreCountedAsErrors() async throws {
        let never = HostileReply(status: 200, chunks: [Data("[".utf8)], neverFinish: true)
        let (sent, exposition) = try await Self.measuring(ConnectClient.makeHTTPClient()) { http in
            try await HostileServer.with(respond: { _ in never }) { server in
                _ = try? await Self.connect(server, http, totalTimeout: .milliseconds(300)).authContext()
                return await server.received.count
            }
        }
        #expect(sent >= 1)
        let errors = exposition.value("canceldesk_calls_total", [("upstream", "connect"), ("status", "error")])
        #expect(errors == Double(sent), "\(exposition.text)")
    }

    @Test func vendorCallsAreCountedByStatusAndTimed() async throws {
        let (sent, exposition) = try await Self.measuring(Self.vendorHTTP()) { http in
            try await HostileServer.with(respond: { _ in .json(503, #"{"error":"unavailable"}"#) }) { server in
                _ = await Self.vendor(server, http).checkReachability()
                return await server.received.count
            }
        }
        #expect(sent >= 1)
        let calls = exposition.value("canceldesk_calls_total", [("upstream", "vendor"), ("status", "503")])
        #expect(calls == Double(sent), "\(exposition.text)")
        let timed = exposition.value("canceldesk_call_duration_seconds_count", [("upstream", "vendor")])
        #expect(timed == Double(sent), "\(exposition.text)")
    }

    @Test func vendorCallsWithoutAnAnswerAreCountedAsErrors() async throws {
        let never = HostileReply(status: 200, chunks: [Data("{".utf8)], neverFinish: true)
        let (sent, exposition) = try await Self.measuring(Self.vendorHTTP()) { http in
            try await HostileServer.with(respond: { _ in never }) { server in
                _ = await Self.vendor(server, http, totalTimeout: .milliseconds(300)).checkReachability()
                return await server.received.count
            }
        }
        #expect(sent >= 1)
        let errors = exposition.value("canceldesk_calls_total", [("upstream", "vendor"), ("status", "error")])
        #expect(errors == Double(sent), "\(exposition.text)")
    }

    /// Without a bootstrapped or bound metrics system, the adapters' calls are no-ops (nothing crashes, nothing is
    /// registered anywhere).
    @Test func withoutAMetricsBackendCallsStillWork() async throws {
        let http = Self.vendorHTTP()
        let problem = try? await HostileServer.with(respond: { _ in .json(503, "{}") }) { server in
            await Self.vendor(server, http).checkReachability()
        }
        try await http.shutdown()
        #expect(problem?.contains("503") == true)
    }
}
