public import CancelDeskCore
public import Foundation
public import Prometheus
internal import Synchronization

/// What the admin endpoint reports about the engine: readiness, and the metrics the engine's progress drives.
///
/// Feed it every ``CancelDeskCore/EngineEvent`` with ``record(_:)`` and every pass's summary with
/// ``passEnded(_:at:)``. The metrics live in the registry given at creation (``OpsMetrics/bootstrap()``'s in the
/// executable, a fresh one in tests), so the counters match the `--json` decision lines one for one.
public final class OpsState: Sendable {
    private let decisions: [RequestResult.Kind: Counter]
    private let queuePending: Gauge
    private let needsReview: Gauge
    private let lastPassTimestamp: Gauge
    private let breakerOpen: [ServiceError.Service: Gauge]
    private let lastPass = Mutex<PassVerdict?>(nil)

    /// The upstreams the breaker gauge reports, in output order.
    static let upstreams: [ServiceError.Service] = [.connect, .vendor]

    /// Registers canceldesk's engine metrics in `registry`, each at 0 (every decision outcome, both breakers).
    public init(registry: PrometheusCollectorRegistry) {
        var decisions: [RequestResult.Kind: Counter] = [:]
        for kind in RequestResult.Kind.allCases {
            decisions[kind] = registry.makeCounter(
                descriptor: OpsMetrics.descriptor(OpsMetrics.decisionsTotal),
                labels: [(OpsMetrics.outcomeLabel, kind.rawValue)])
        }
        self.decisions = decisions
        queuePending = registry.makeGauge(descriptor: OpsMetrics.descriptor(OpsMetrics.queuePending))
        needsReview = registry.makeGauge(descriptor: OpsMetrics.descriptor(OpsMetrics.needsReview))
        lastPassTimestamp = registry.makeGauge(
            descriptor: OpsMetrics.descriptor(OpsMetrics.lastPassTimestampSeconds))
        var breakerOpen: [ServiceError.Service: Gauge] = [:]
        for upstream in Self.upstreams {
            breakerOpen[upstream] = registry.makeGauge(
                descriptor: OpsMetrics.descriptor(OpsMetrics.breakerOpen),
                labels: [(OpsMetrics.upstreamLabel, upstream.rawValue)])
        }
        self.breakerOpen = breakerOpen
    }

    /// Counts a finished request under its outcome; a listing sets the pending-queue gauge. Other events change
    /// nothing.
    public func record(_ event: EngineEvent) {
        switch event {
        case .finished(let result):
            decisions[result.kind]?.increment()
        case .snapshot(let count, _, _):
            queuePending.set(to: Double(count))
        case .recovering, .started, .recorded, .vendorRetry, .stopping, .notStarted:
            break
        }
    }

    /// Records the end of a pass: its time, its needs-review count, which breaker is open, and readiness.
    public func passEnded(_ summary: RunSummary, at time: Date = Date()) {
        lastPassTimestamp.set(to: time.timeIntervalSince1970)
        needsReview.set(to: Double(summary.needsReview))
        for (upstream, gauge) in breakerOpen {
            gauge.set(to: summary.circuitOpenedBy == upstream ? 1 : 0)
        }
        let verdict = PassVerdict(summary)
        lastPass.withLock { $0 = verdict }
    }

    /// Ready iff the last pass ended normally: it was not stopped or cut short, found no configuration fault, had
    /// its credentials accepted and ended with both breakers closed. `why` says what is wrong (or `ready`).
    public var readiness: (ready: Bool, why: String) {
        guard let verdict = lastPass.withLock({ $0 }) else { return (false, "no pass has ended yet") }
        if let problem = verdict.problem { return (false, problem) }
        return (true, "ready")
    }
}

/// Why a pass makes the process unready, or nil when it ended normally. The text leaves the process (`/readyz`),
/// so it is redacted and sanitized once more, however clean the summary's texts already are.
struct PassVerdict: Sendable, Equatable {
    /// The longest reason `/readyz` shows, in characters.
    static let limit = 500

    var problem: String?

    init(_ summary: RunSummary) {
        let problem = Self.problem(summary)
        self.problem = problem.map { TextSanitizer.clean(SecretRedactor.redact($0), limit: Self.limit) }
    }

    private static func problem(_ summary: RunSummary) -> String? {
        if summary.unauthorized {
            "credentials were refused in the last pass"
        } else if let fault = summary.configurationFault {
            "configuration fault: \(fault)"
        } else if let upstream = summary.circuitOpenedBy {
            "circuit breaker open: \(upstream.rawValue) stayed unavailable in the last pass"
        } else if let reason = summary.stopReason {
            "the last pass ended early: \(reason)"
        } else if summary.stopped {
            "the last pass was stopped"
        } else if summary.unavailable {
            // Fewer requests than the breaker needs can still all have ended on an outage.
            "Connect or the vendor was unavailable in the last pass"
        } else {
            nil
        }
    }
}
