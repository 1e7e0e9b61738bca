import CancelDeskCore
import CancelDeskOps
import Foundation
import Prometheus
import Testing

/// Issue 13: readiness and the metrics the engine's progress drives.
@Suite struct OpsStateTests {
    static func result(_ id: String, _ kind: RequestResult.Kind) -> EngineEvent {
        .finished(RequestResult(requestID: id, kind: kind, detail: "done"))
    }

    @Test func notReadyBeforeTheFirstPassEnds() {
        let state = OpsState(registry: PrometheusCollectorRegistry())
        #expect(state.readiness.ready == false)
        #expect(state.readiness.why == "no pass has ended yet")
    }

    @Test func readyAfterAPassThatEndedNormally() {
        let state = OpsState(registry: PrometheusCollectorRegistry())
        var summary = RunSummary()
        summary.approved = 3
        summary.needsReview = 1
        state.passEnded(summary, at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(state.readiness.ready)
        #expect(state.readiness.why == "ready")
    }

    /// Each abnormal ending makes the process unready, with a reason naming it; a normal pass after it makes it ready
    /// again.
    @Test(arguments: [
        ("unauthorized", "credentials were refused"),
        ("configuration", "configuration fault: every vendor call was refused alike"),
        ("breakerVendor", "circuit breaker open: vendor"),
        ("breakerConnect", "circuit breaker open: connect"),
        ("listing", "the last pass ended early: listing failed: Connect answered 503"),
        ("stopped", "the last pass was stopped"),
        ("unavailable", "Connect or the vendor was unavailable"),
    ])
    func abnormalPassesMakeItUnready(ending: String, reason: String) {
        let state = OpsState(registry: PrometheusCollectorRegistry())
        var summary = RunSummary()
        switch ending {
        case "unauthorized": summary.unauthorized = true
        case "configuration": summary.configurationFault = "every vendor call was refused alike (HTTP 404)"
        case "breakerVendor":
            summary.circuitOpenedBy = .vendor
            summary.stopReason = "the vendor stayed unavailable"
        case "breakerConnect": summary.circuitOpenedBy = .connect
        case "listing": summary.stopReason = "listing failed: Connect answered 503"
        case "unavailable": summary.unavailable = true // too few requests for the breaker, all on an outage
        default: summary.stopped = true
        }
        state.passEnded(summary)
        #expect(state.readiness.ready == false)
        #expect(state.readiness.why.hasPrefix(reason), "\(state.readiness.why)")

        state.passEnded(RunSummary())
        #expect(state.readiness.ready)
    }

    @Test func theReasonIsRedactedAndSanitized() {
        let state = OpsState(registry: PrometheusCollectorRegistry())
        var summary = RunSummary()
        summary.stopReason = "listing failed: Authorization: ApiKey SU-123-456:s3cretKeyValue99 \u{1B}[31mred"
        state.passEnded(summary)
        let why = state.readiness.why
        #expect(!why.contains("s3cretKeyValue99"), "\(why)")
        #expect(!why.contains("\u{1B}"), "\(why)")
    }

    /// The decision counters count `.finished` events by outcome, so they match the `--json` decision lines.
    @Test func decisionCountersCountFinishedResultsByOutcome() {
        let registry = PrometheusCollectorRegistry()
        let state = OpsState(registry: registry)
        let before = Exposition(registry)
        for kind in RequestResult.Kind.allCases {
            #expect(before.value("canceldesk_decisions_total", [("outcome", kind.rawValue)]) == 0)
        }
        state.record(Self.result("PR-1", .approved))
        state.record(Self.result("PR-2", .approved))
        state.record(Self.result("PR-3", .needsReview))
        state.record(Self.result("PR-4", .rejected))
        state.record(.started(requestID: "PR-5", decision: .approve))
        state.record(.stopping(reason: "SIGTERM"))
        let after = Exposition(registry)
        #expect(after.value("canceldesk_decisions_total", [("outcome", "approved")]) == 2)
        #expect(after.value("canceldesk_decisions_total", [("outcome", "needs_review")]) == 1)
        #expect(after.value("canceldesk_decisions_total", [("outcome", "rejected")]) == 1)
        #expect(after.value("canceldesk_decisions_total", [("outcome", "skipped")]) == 0)
        #expect(after.value("canceldesk_decisions_total", [("outcome", "failed")]) == 0)
    }

    @Test func aListingSetsThePendingQueueGauge() {
        let registry = PrometheusCollectorRegistry()
        let state = OpsState(registry: registry)
        state.record(.snapshot(count: 17, skipped: [], reportedTotal: 20))
        #expect(Exposition(registry).value("canceldesk_queue_pending") == 17)
        state.record(.snapshot(count: 4, skipped: [], reportedTotal: 4))
        #expect(Exposition(registry).value("canceldesk_queue_pending") == 4)
    }

    @Test func aPassSetsTimestampNeedsReviewAndBreakerGauges() {
        let registry = PrometheusCollectorRegistry()
        let state = OpsState(registry: registry)
        let closed = Exposition(registry)
        #expect(closed.value("canceldesk_breaker_open", [("upstream", "connect")]) == 0)
        #expect(closed.value("canceldesk_breaker_open", [("upstream", "vendor")]) == 0)

        var summary = RunSummary()
        summary.needsReview = 3
        summary.circuitOpenedBy = .vendor
        state.passEnded(summary, at: Date(timeIntervalSince1970: 1_700_000_123))
        let open = Exposition(registry)
        #expect(open.value("canceldesk_breaker_open", [("upstream", "vendor")]) == 1)
        #expect(open.value("canceldesk_breaker_open", [("upstream", "connect")]) == 0)
        #expect(open.value("canceldesk_needs_review") == 3)
        #expect(open.value("canceldesk_last_pass_timestamp_seconds") == 1_700_000_123)

        state.passEnded(RunSummary(), at: Date(timeIntervalSince1970: 1_700_000_200))
        let again = Exposition(registry)
        #expect(again.value("canceldesk_breaker_open", [("upstream", "vendor")]) == 0)
        #expect(again.value("canceldesk_needs_review") == 0)
        #expect(again.value("canceldesk_last_pass_timestamp_seconds") == 1_700_000_200)
    }

    /// Two states on one registry share its series (the executable makes one; this must not crash either way).
    @Test func aSecondStateOnTheSameRegistrySharesTheSeries() {
        let registry = PrometheusCollectorRegistry()
        let first = OpsState(registry: registry)
        let second = OpsState(registry: registry)
        first.record(Self.result("PR-1", .failed))
        second.record(Self.result("PR-2", .failed))
        #expect(Exposition(registry).value("canceldesk_decisions_total", [("outcome", "failed")]) == 2)
    }
}
