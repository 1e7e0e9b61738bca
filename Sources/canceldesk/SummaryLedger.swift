import CancelDeskCore
import Synchronization

/// The totals of an `--auto` run and its summary line, written exactly once, as the last line of stdout.
final class SummaryLedger: Sendable {
    private let reporter: HeadlessReporter
    private let state = Mutex((total: RunSummary(), passes: 0, status: ExitStatus?.none))

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

    /// Writes the summary of every pass, unless it was written already; returns the exit status.
    @discardableResult
    func finish() -> ExitStatus {
        write(abandoned: false)
    }

    /// Writes the summary of what was reported (the results the reporter saw, finished passes or not), unless it
    /// was written already: the last resort when a cancelled pass does not return. The exit status is never 0.
    func abandon() -> ExitStatus {
        write(abandoned: true)
    }

    private func write(abandoned: Bool) -> ExitStatus {
        let seen = reporter.seen
        return state.withLock { state in
            if let status = state.status { return status }
            let summary = abandoned ? seen : state.total
            reporter.summary(summary)
            var status = ExitStatus(summary: summary)
            if abandoned && status == .ok { status = .needsAttention }
            if Console.stdoutClosed { status = .ioError }
            state.status = status
            return status
        }
    }
}
