import CancelDeskCore
import Synchronization

/// The totals of an `--auto` run and its summary line, written exactly once, as the last line of stdout.
final class SummaryLedger: Sendable {
    private let reporter: HeadlessReporter
    private let state = Mutex((total: RunSummary(), passes: 0, exitCode: Int32?.none))

    init(reporter: HeadlessReporter) {
        self.reporter = reporter
    }

    /// Adds a finished pass; returns the totals so far and the number of passes.
    func add(_ pass: RunSummary) -> (total: RunSummary, passes: Int) {
        state.withLock { state in
            state.total.add(pass)
            state.passes += 1
            return (state.total, state.passes)
        }
    }

    /// Writes the summary of every pass, unless it was written already; returns the exit code.
    @discardableResult
    func finish() -> Int32 {
        write(abandoned: false)
    }

    /// Writes the summary of what was reported (the results the reporter saw, finished passes or not), unless it
    /// was written already: the last resort when a cancelled pass does not return. The exit code is never 0.
    func abandon() -> Int32 {
        write(abandoned: true)
    }

    private func write(abandoned: Bool) -> Int32 {
        let seen = reporter.seen
        return state.withLock { state in
            if let code = state.exitCode { return code }
            let summary = abandoned ? seen : state.total
            reporter.summary(summary)
            let status = abandoned ? max(1, summary.exitCode) : summary.exitCode
            let code = Console.stdoutClosed ? Console.closedOutputExitCode : status
            state.exitCode = code
            return code
        }
    }
}
