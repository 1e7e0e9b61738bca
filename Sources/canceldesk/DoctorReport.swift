import CancelDeskCore

/// Renders doctor's checks as they come: `ok   …` / `WARN …` / `FAIL …` lines, or `check` JSON lines, then the verdict.
final class DoctorReport {
    let json: Bool
    let encoder: JSONLine
    private(set) var passed = 0
    private(set) var failed = 0

    init(json: Bool, profile: String?) {
        self.json = json
        self.encoder = JSONLine(profile: profile)
    }

    /// True when no check failed.
    var ok: Bool { failed == 0 }

    func add(_ check: DoctorCheck) {
        let passed = check.status != .fail
        if passed { self.passed += 1 } else { failed += 1 }
        if json {
            var fields: [String: Any] = [
                "check": check.subject, "ok": passed, "status": check.status.rawValue, "detail": check.text,
            ]
            if let problem = check.problem { fields["problem"] = problem.rawValue }
            Console.out(encoder.encode(.check, fields))
        } else {
            Console.out(check.line)
        }
    }

    /// The `doctor` line (JSON only) and the exit status: ``ExitStatus/needsAttention`` when a check failed, unless
    /// `status` says otherwise.
    func finish(_ status: ExitStatus? = nil) -> ExitStatus {
        let status = status ?? (ok ? .ok : .needsAttention)
        if json {
            Console.out(
                encoder.encode(
                    .doctor, ["ok": ok, "passed": passed, "failed": failed, "exit_status": Int(status.rawValue)]))
        }
        return Console.stdoutClosed ? .ioError : status
    }
}
