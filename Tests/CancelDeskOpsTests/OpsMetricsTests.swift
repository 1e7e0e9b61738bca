import CancelDeskOps
import CoreMetrics
import Prometheus
import Testing

/// Issue 13: `--admin HOST:PORT` parsing and the process-wide metrics bootstrap.
@Suite struct OpsMetricsTests {
    /// The only test that bootstraps the process-wide system: twice, which must neither crash nor make a second
    /// registry, and afterwards a metric made anywhere through swift-metrics lands in the registry.
    @Test func bootstrapHappensOnceAndRoutesSwiftMetricsIntoTheRegistry() {
        let first = OpsMetrics.bootstrap()
        let second = OpsMetrics.bootstrap()
        #expect(first === second)
        let gauge = CoreMetrics.Gauge(
            label: OpsMetrics.concurrency, dimensions: [(OpsMetrics.upstreamLabel, "test-bootstrap")])
        gauge.record(7)
        let exposition = Exposition(first)
        #expect(exposition.value("canceldesk_concurrency", [("upstream", "test-bootstrap")]) == 7)
        #expect(exposition.text.contains("# TYPE canceldesk_concurrency gauge"))
    }

    @Test(arguments: [
        ("127.0.0.1:0", "127.0.0.1", 0),
        ("0.0.0.0:9464", "0.0.0.0", 9464),
        ("localhost:8080", "localhost", 8080),
        (":9100", "127.0.0.1", 9100),
        ("9100", "127.0.0.1", 9100),
        ("[::1]:9100", "::1", 9100),
        (" 127.0.0.1:65535 ", "127.0.0.1", 65535),
    ])
    func adminAddressesParse(text: String, host: String, port: Int) throws {
        let address = try AdminAddress(parsing: text)
        #expect(address == AdminAddress(host: host, port: port))
    }

    @Test(arguments: [
        "", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "host:-1", "host:+80", "::1:80", "[::1]9100",
        "host:80x",
    ])
    func badAdminAddressesAreRefused(text: String) {
        #expect(throws: AdminAddress.ParseError.self) { try AdminAddress(parsing: text) }
    }

    @Test func theDefaultAddressIsLoopbackWithAFreePort() {
        #expect(AdminAddress() == AdminAddress(host: "127.0.0.1", port: 0))
        #expect(AdminAddress(host: "::1", port: 80).description == "[::1]:80")
    }
}
