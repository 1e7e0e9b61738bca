internal import CoreMetrics
public import Prometheus

/// The metric names and labels canceldesk exports, and the one-time bootstrap of swift-metrics with
/// swift-prometheus.
///
/// Names follow Prometheus conventions (`_total` for counters, `_seconds` for durations). No metric carries help
/// text: swift-prometheus requires one help text per name, and metrics made through swift-metrics have none.
public enum OpsMetrics {
    // MARK: Names

    /// Counter, label `outcome` (a ``CancelDeskCore/RequestResult/Kind`` raw value): one per `--json` decision line.
    public static let decisionsTotal = "canceldesk_decisions_total"
    /// Counter, labels `upstream` then `status` (the HTTP status, or `error` when no answer came).
    public static let callsTotal = "canceldesk_calls_total"
    /// Histogram (a swift-metrics `Timer`), label `upstream`: how long each upstream call took, in seconds.
    public static let callDurationSeconds = "canceldesk_call_duration_seconds"
    /// Gauge: the requests the last listing found to work on.
    public static let queuePending = "canceldesk_queue_pending"
    /// Gauge: the requests of the last pass that need an operator's review.
    public static let needsReview = "canceldesk_needs_review"
    /// Gauge, label `upstream`: 1 while the last pass ended with that upstream's circuit breaker open, else 0.
    public static let breakerOpen = "canceldesk_breaker_open"
    /// Gauge: when the last pass ended, in seconds since 1970.
    public static let lastPassTimestampSeconds = "canceldesk_last_pass_timestamp_seconds"
    /// Gauge, label `upstream`: the adaptive concurrency limit in force for that upstream. Set with
    /// `Gauge(label: OpsMetrics.concurrency, dimensions: [(OpsMetrics.upstreamLabel, "connect")])`.
    public static let concurrency = "canceldesk_concurrency"

    // MARK: Labels

    /// The label naming the upstream: `connect` or `vendor`.
    public static let upstreamLabel = "upstream"
    /// The label holding an HTTP status, or ``errorStatus``.
    public static let statusLabel = "status"
    /// The label holding a decision's outcome.
    public static let outcomeLabel = "outcome"
    /// The `status` of a call that got no HTTP answer (timeout, reset, refused connection).
    public static let errorStatus = "error"

    /// Buckets of ``callDurationSeconds``: 5 ms to 60 s (a call may take up to its total timeout, 30 s by default).
    public static let callDurationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60),
    ]

    /// `name` as swift-prometheus wants it described: whole, with no help text (see above).
    static func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: "")
    }

    // MARK: Bootstrap

    /// A swift-metrics factory that writes into `registry`, with canceldesk's histogram buckets. Tests bind one to
    /// a fresh registry with `withMetricsFactory(_:_:)` instead of bootstrapping the process-wide system.
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[callDurationSeconds] = callDurationBuckets
        return factory
    }

    /// Bootstraps swift-metrics' `MetricsSystem` with swift-prometheus (once per process, however often this is
    /// called) and returns the registry every `Counter`, `Timer`, `Gauge` and `Recorder` made anywhere now lands in.
    /// Serve it with ``AdminServer``. Without this call, the metric calls in the adapters are no-ops.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        processRegistry
    }

    /// Initialised once, thread-safely, on first use (a `static let`).
    private static let processRegistry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(makeFactory(registry: registry))
        return registry
    }()
}
