internal import Hummingbird
public import Logging
public import Prometheus
public import ServiceLifecycle

/// The admin endpoint: `GET /metrics` (Prometheus text format), `GET /healthz` (200 `ok` while the process runs)
/// and `GET /readyz` (200 `ready`, or 503 with the reason, from ``OpsState``).
///
/// A `Service`: run it in the executable's `ServiceGroup`. It stops on graceful shutdown (open connections are
/// closed once their answers are written) and on cancellation. It has no authentication: bind it to loopback (the
/// default) or a private interface.
public struct AdminServer: Service {
    /// The content type of `/metrics`: Prometheus' text exposition format 0.0.4.
    public static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    let address: AdminAddress
    let registry: PrometheusCollectorRegistry
    let state: OpsState
    let logger: Logger
    let onListening: @Sendable (String) -> Void

    /// - Parameters:
    ///   - address: where to listen; port 0 picks a free port.
    ///   - registry: the metrics `/metrics` serves (``OpsMetrics/bootstrap()``'s in the executable).
    ///   - state: what `/readyz` reports.
    ///   - logger: the server's own log (Hummingbird's request errors); silent by default.
    ///   - onListening: called once the server is bound, with `http://HOST:PORT` (the port actually bound).
    public init(
        address: AdminAddress = AdminAddress(), registry: PrometheusCollectorRegistry, state: OpsState,
        logger: Logger = Logger(label: "canceldesk.admin", factory: { _ in SwiftLogNoOpLogHandler() }),
        onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.address = address
        self.registry = registry
        self.state = state
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until a graceful shutdown or cancellation; throws when the address cannot be bound.
    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        let registry = registry
        let state = state
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: Self.metricsContentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("healthz") { _, _ in Self.text(.ok, "ok") }
        router.get("readyz") { _, _ in
            let readiness = state.readiness
            return readiness.ready ? Self.text(.ok, "ready") : Self.text(.serviceUnavailable, readiness.why)
        }
        let address = address
        let onListening = onListening
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                onListening(address.url(port: channel.localAddress?.port ?? address.port))
            },
            logger: logger
        )
        try await app.run()
    }

    /// A plain-text answer.
    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
