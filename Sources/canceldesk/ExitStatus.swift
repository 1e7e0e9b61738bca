import ArgumentParser
import CancelDeskCore

/// Every exit status canceldesk ends with, in one place (README "Exit codes"; the `sysexits.h` values from 64 up).
///
/// Core reports what happened (``RunSummary``, ``RequestResult``, ``ServiceError``); only the executable turns that
/// into a number, here.
enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything asked was done: every request handled, the decision applied, every check passed.
    case ok = 0
    /// Some request needs review or failed (for `approve`/`reject`: the decision was not applied); a doctor check
    /// failed.
    case needsAttention = 1
    /// `approve`/`reject`: the request was already decided (in Connect or in the journal); nothing was done.
    case alreadyDecided = 3
    /// A command-line mistake (EX_USAGE), also a console without a terminal and a change under `--read-only`.
    case usage = 64
    /// The request id is unknown to Connect (`show`, `approve`, `reject`) or to the journal (`history ID`)
    /// (EX_NOINPUT).
    case noInput = 66
    /// Connect or the vendor is unavailable (EX_UNAVAILABLE).
    case unavailable = 69
    /// An internal error: a bug in canceldesk (EX_SOFTWARE).
    case software = 70
    /// stdout was closed under canceldesk: the reader went away (EX_IOERR).
    case ioError = 74
    /// Connect or the vendor refused the credentials (EX_NOPERM).
    case noPermission = 77
    /// The configuration (file, environment, profile, keymap, journal path) is invalid (EX_CONFIG).
    case config = 78

    /// The status as ArgumentParser's error, to throw from a command's `run()`.
    var code: ExitCode { ExitCode(rawValue) }

    /// A pass of `--auto` (or the totals of every pass with `--watch`).
    init(summary: RunSummary) {
        if summary.unauthorized {
            self = .noPermission
        } else if summary.configurationFault != nil {
            self = .config
        } else if summary.unavailable {
            self = .unavailable
        } else if summary.needsReview > 0 || summary.failed > 0 {
            self = .needsAttention
        } else {
            self = .ok
        }
    }

    /// One explicit decision (`approve ID`, `reject ID`): ``ok`` only when it was applied.
    init(decision result: RequestResult) {
        switch result.cause {
        case .notFound?: self = .noInput
        case .unauthorized?: self = .noPermission
        case .unavailable?: self = .unavailable
        case .configuration?: self = .config
        case .alreadyDecided?: self = .alreadyDecided
        case .journal?, .stopped?, .other?, nil:
            switch result.kind {
            case .approved, .rejected: self = .ok
            case .skipped, .needsReview, .failed: self = .needsAttention
            }
        }
    }

    /// A read from Connect that failed outside a decision (`show`, `list`). A refused read is an id the adapter
    /// would not send (not a request id): unknown, like a 404. A 4xx Connect answers to a query canceldesk built from
    /// its configuration (the listing's filters) is a configuration problem, not an outage.
    init(serviceError error: ServiceError) {
        switch error.kind {
        case .notFound, .refused: self = .noInput
        case .unauthorized, .forbidden: self = .noPermission
        case .transient, .rateLimited: self = .unavailable
        case .rejected: self = .config
        case .malformedResponse: self = .needsAttention
        }
    }
}
