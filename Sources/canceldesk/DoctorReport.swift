import CancelDeskCore

/// One result of `canceldesk doctor`: what was checked, whether it passed, and what was found.
struct DoctorCheck: Sendable, Equatable {
    /// What a check is about (the `check` field of its JSON line).
    enum Area: String, Sendable, CaseIterable {
        case configuration, credentials, product, vendor, journal
    }

    var area: Area
    var passed: Bool
    /// What was found, in words (raw: sanitized for text output, escaped for JSON).
    var detail: String
}

/// Renders doctor's checks as they come: `ok   …` / `FAIL …` lines, or `check` JSON lines, then the verdict.
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
        if check.passed { passed += 1 } else { failed += 1 }
        if json {
            Console.out(
                encoder.encode(.check, ["check": check.area.rawValue, "ok": check.passed, "detail": check.detail]))
        } else {
            Console.out((check.passed ? "ok   " : "FAIL ") + TextSanitizer.clean(check.detail, limit: 300))
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
