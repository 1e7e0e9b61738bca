import CancelDeskCore
import Foundation

/// `canceldesk --auto`: one pass (or, with `--watch`, passes until a stop signal), then the summary.
struct AutoRun: Sendable {
    let app: AppEnvironment
    let concurrency: Int
    let limit: Int?
    let dryRun: Bool
    let watch: Int?
    let json: Bool

    /// Runs and returns the exit code.
    func run() async throws -> Int32 {
        let reporter = HeadlessReporter(json: json)
        let engine = app.engine(events: reporter.report)
        let stop = StopSignal.listen()
        let options = QueueOptions(concurrency: concurrency, limit: limit, dryRun: dryRun || app.readOnly)
        var total = RunSummary()
        var trips = 0
        while true {
            let pass = await engine.runQueue(options) { stop.isStopped }
            total.add(pass)
            guard let watch, !stop.isStopped, !pass.unauthorized, pass.journalFailures == 0 else { break }
            // After a pass the circuit breaker ended, wait 30 s, 60 s, … 300 s (at least --watch) before the next.
            trips = pass.circuitOpenedBy == nil ? 0 : trips + 1
            let pause = max(Duration.seconds(watch), CircuitBreaker.reopenDelay(trips: trips))
            // Sleep in small steps so that a stop signal is seen promptly.
            for _ in 0..<(pause.components.seconds * 5) where !stop.isStopped {
                try? await Task.sleep(for: .milliseconds(200))
            }
            if stop.isStopped { break }
        }
        reporter.summary(total)
        return total.exitCode
    }
}
