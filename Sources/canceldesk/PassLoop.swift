import CancelDeskCore
import CancelDeskOps
import ServiceLifecycle

/// The passes of `--auto` as a service of the run's `ServiceGroup`: one pass, or with `--watch` a pass every N
/// seconds, until a stop; then the summary.
///
/// A graceful shutdown (SIGTERM/SIGINT) or a closed stdout is a stop: nothing new starts, requests in flight may
/// finish for the stop grace (`auto.stop_grace_seconds`), then the pass's task is cancelled (the listing too).
/// systemd hears `READY=1` when the first pass starts, `STATUS=…` after each pass and `STOPPING=1` at the stop.
struct PassLoop: Service {
    let engine: CancelEngine
    let options: QueueOptions
    let watch: Int?
    let grace: Duration
    let stop: StopSignal
    let reporter: HeadlessReporter
    let ledger: SummaryLedger
    let notifier: SystemdNotifier?
    /// The admin endpoint's state (readiness, pass gauges), when `--admin` serves one.
    let ops: OpsState?

    func run() async {
        await withGracefulShutdownHandler {
            await passes()
        } onGracefulShutdown: {
            if stop.request() {
                Console.error("canceldesk: stopping: finishing requests in flight")
                notifier?.send(.stopping)
            }
        }
        // However the passes ended (a stop, the last pass, refused credentials), the run is stopping now.
        if stop.request() { notifier?.send(.stopping) }
        ledger.finish()
    }

    private func passes() async {
        var trips = 0
        notifier?.send(.ready)
        while !stop.shouldStop && !Task.isCancelled {
            // Audit notes earlier decisions could not post yet (best effort, bounded).
            if !options.dryRun { await engine.deliverPendingAudit() }
            let pass = await Self.passWithGrace(engine, options, stop: stop, grace: grace)
            ops?.passEnded(pass)
            let (total, count) = ledger.add(pass)
            notifier?.send(.status(Self.status(total, passes: count)))
            // Why a pass ended without a request to name: the listing failed, or the vendor is misconfigured.
            if let reason = pass.stopReason, !pass.stopped { reporter.error(reason) }
            if let fault = pass.configurationFault, fault != pass.stopReason || pass.stopped { reporter.error(fault) }
            guard let watch, !pass.unauthorized, pass.journalFailures == 0 else { return }
            // After a pass the circuit breaker ended, wait 30 s, 60 s, … 300 s (at least --watch) before the next.
            trips = pass.circuitOpenedBy == nil ? 0 : trips + 1
            let pause = max(Duration.seconds(watch), CircuitBreaker.reopenDelay(trips: trips))
            // Sleep in small steps so that a stop is seen promptly.
            for _ in 0..<(pause.components.seconds * 5) where !stop.shouldStop && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// `STATUS=` after a pass: the totals so far.
    static func status(_ total: RunSummary, passes: Int) -> String {
        "\(passes) pass(es): approved \(total.approved), rejected \(total.rejected), skipped \(total.skipped), "
            + "needs review \(total.needsReview) new (\(total.awaitingReview) waiting), failed \(total.failed)"
    }

    /// The pass, and a watcher that cancels it `grace` after a stop.
    private static func passWithGrace(
        _ engine: CancelEngine, _ options: QueueOptions, stop: StopSignal, grace: Duration
    ) async -> RunSummary {
        await withTaskGroup(of: RunSummary?.self) { group in
            group.addTask { await engine.runQueue(options) { stop.shouldStop } }
            group.addTask {
                await stop.waitForStop()
                try? await Task.sleep(for: grace)
                if !Task.isCancelled {
                    Console.error("canceldesk: stop grace of \(grace) is over: cancelling what is still in flight")
                }
                return nil
            }
            var summary = RunSummary()
            for await result in group {
                if let result {
                    summary = result
                    group.cancelAll() // the pass ended: the watcher goes
                } else if !Task.isCancelled {
                    group.cancelAll() // the grace is over: cancel the pass (listing included)
                }
            }
            return summary
        }
    }
}
