import CancelDeskCore

/// One `doctor` check's outcome, kept typed so that it can be rendered as a line or as JSON.
struct DoctorCheck: Sendable, Equatable {
    enum Status: String, Sendable {
        case ok, warning, fail
    }

    /// What a failed check means; it decides `doctor`'s exit code.
    enum Problem: String, Sendable {
        /// Something to fix in the configuration (or in Connect's setup of the account): exit 78.
        case configuration
        /// Connect or the vendor refused the credentials: exit 77.
        case credentials
        /// Connect or the vendor could not be reached or answered 5xx/429: exit 69.
        case unavailable
        /// Anything else (a malformed answer, an unhealthy journal): exit 1.
        case other
    }

    /// What was checked: `configuration`, `credentials`, `listing`, `template`, `vendor`, `journal`.
    var subject: String
    var status: Status
    /// The line to show (sanitized when printed).
    var text: String
    /// Set when `status` is `fail`.
    var problem: Problem?

    static func ok(_ subject: String, _ text: String) -> DoctorCheck {
        DoctorCheck(subject: subject, status: .ok, text: text, problem: nil)
    }

    static func warning(_ subject: String, _ text: String) -> DoctorCheck {
        DoctorCheck(subject: subject, status: .warning, text: text, problem: nil)
    }

    static func fail(_ subject: String, _ text: String, _ problem: Problem) -> DoctorCheck {
        DoctorCheck(subject: subject, status: .fail, text: text, problem: problem)
    }

    /// The line `doctor` prints: `ok   …`, `WARN …` or `FAIL …`.
    var line: String {
        let prefix =
            switch status {
            case .ok: "ok   "
            case .warning: "WARN "
            case .fail: "FAIL "
            }
        return prefix + TextSanitizer.clean(text, limit: 300)
    }

    /// What a failed Connect or vendor call means: a 4xx other than 401/408/429 is a configuration problem
    /// (the call as configured is refused), not an outage.
    static func problem(of error: any Error) -> Problem {
        guard let error = error as? ServiceError else { return .other }
        switch error.kind {
        case .unauthorized: return .credentials
        case .transient, .rateLimited: return .unavailable
        case .forbidden, .notFound, .rejected: return .configuration
        case .malformedResponse, .refused: return .other
        }
    }

    /// `doctor`'s exit status for `checks`: 0 when none failed, else the gravest problem's code
    /// (configuration 78, credentials 77, unavailable 69, other 1).
    static func exitStatus(_ checks: [DoctorCheck]) -> ExitStatus {
        let problems = Set(checks.compactMap(\.problem))
        if problems.contains(.configuration) { return .config }
        if problems.contains(.credentials) { return .noPermission }
        if problems.contains(.unavailable) { return .unavailable }
        return checks.contains { $0.status == .fail } ? .needsAttention : .ok
    }
}
