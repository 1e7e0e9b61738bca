import CancelDeskCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `canceldesk --auto`: one pass (or, with `--watch`, passes until a stop signal), then the summary.
///
/// Stopping (SIGINT/SIGTERM, or stdout closed under it): nothing new starts; requests in flight may finish for the
/// configured grace period (`auto.stop_grace_seconds`, default 30 s); then the pass's task is cancelled (the listing
/// too) and the summary is written. Should the pass still not return within ``cancelBound`` of that, the summary of
/// what was reported is written and the process exits anyway: `--auto` always ends within grace + bound of a stop.
struct AutoRun: Sendable {
    let app: AppEnvironment
    let concurrency: Int
    let limit: Int?
    let dryRun: Bool
    let watch: Int?
    let json: Bool

    /// How long a cancelled pass may take to return before the process exits without it.
    static let cancelBound: Duration = .seconds(5)

    /// Runs and returns the exit code.
    func run() async throws -> Int32 {
        let reporter = HeadlessReporter(json: json)
        let engine = app.engine(events: reporter.report)
        let stop = StopSignal.listen()
        let options = QueueOptions(concurrency: concurrency, limit: limit, dryRun: dryRun || app.readOnly)
        var total = RunSummary()
        var trips = 0
        while true {
            let pass = await runPass(engine, options, stop: stop, reporter: reporter, before: total)
            total.add(pass)
            // Why a pass ended without a request to name: the listing failed, or the vendor is misconfigured.
            if let reason = pass.stopReason, !pass.stopped { reporter.error(reason) }
            if let fault = pass.configurationFault { reporter.error(fault) }
            guard let watch, !stop.shouldStop, !pass.unauthorized, pass.journalFailures == 0 else { break }
            // After a pass the circuit breaker ended, wait 30 s, 60 s, … 300 s (at least --watch) before the next.
            trips = pass.circuitOpenedBy == nil ? 0 : trips + 1
            let pause = max(Duration.seconds(watch), CircuitBreaker.reopenDelay(trips: trips))
            // Sleep in small steps so that a stop signal is seen promptly.
            for _ in 0..<(pause.components.seconds * 5) where !stop.shouldStop {
                try? await Task.sleep(for: .milliseconds(200))
            }
            if stop.shouldStop { break }
        }
        reporter.summary(total)
        return Console.stdoutClosed ? Console.closedOutputExitCode : total.exitCode
    }

    /// How a pass ended, as the children of ``runPass`` see it.
    private enum PassEnd: Sendable {
        case finished(RunSummary)
        case deadline
        case cancelled
    }

    /// One pass, bounded after a stop: grace, then cancellation, then (as a last resort) exit.
    private func runPass(
        _ engine: CancelEngine, _ options: QueueOptions, stop: StopSignal, reporter: HeadlessReporter,
        before: RunSummary
    ) async -> RunSummary {
        let grace = app.configuration.stopGrace
        return await withTaskGroup(of: PassEnd.self) { outer in
            outer.addTask {
                .finished(await Self.passWithGrace(engine, options, stop: stop, grace: grace))
            }
            outer.addTask {
                // The hard bound: if the cancelled pass does not return, end the process without it.
                await stop.waitForStop()
                try? await Task.sleep(for: grace + Self.cancelBound)
                return Task.isCancelled ? .cancelled : .deadline
            }
            for await end in outer {
                switch end {
                case .finished(let summary):
                    outer.cancelAll()
                    return summary
                case .deadline:
                    Console.error("canceldesk: the cancelled pass did not end within \(Self.cancelBound); exiting")
                    var total = before
                    total.add(reporter.seen)
                    reporter.summary(total)
                    exit(Console.stdoutClosed ? Console.closedOutputExitCode : max(1, total.exitCode))
                case .cancelled:
                    continue
                }
            }
            return RunSummary()
        }
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
                    group.cancelAll()  // the pass ended: the watcher goes
                } else if !Task.isCancelled {
                    group.cancelAll()  // the grace is over: cancel the pass (listing included)
                }
            }
            return summary
        }
    }
}
