import CancelDeskCore
import Foundation
import Synchronization

/// The headless renderer of engine events: one human line per decision, or one JSON object per line.
///
/// Every string that reaches stdout or stderr is redacted (``SecretRedactor``) before it is encoded. The reporter
/// also keeps a tally of the results it saw, so that a summary can be written even when a pass had to be abandoned.
final class HeadlessReporter: Sendable {
    let json: Bool
    /// Encodes the JSON lines, each naming the profile in use.
    let encoder: JSONLine
    private let tally = Mutex(RunSummary())

    init(json: Bool, profile: String? = nil) {
        self.json = json
        self.encoder = JSONLine(profile: profile)
    }

    /// The results reported so far (counts only).
    var seen: RunSummary { tally.withLock { $0 } }

    func report(_ event: EngineEvent) {
        switch event {
        case .snapshot(let count, let skipped, let total):
            if json {
                emit(.snapshot, ["count": count, "skipped": skipped.count, "reported_total": total])
            } else {
                Console.error(
                    "canceldesk: \(count) pending cancel request(s) to process"
                        + (skipped.isEmpty ? "" : ", \(skipped.count) record(s) left out (see the log)"))
            }
            for record in skipped {
                Console.error(
                    "canceldesk: left out \(TextSanitizer.clean(record.id ?? "?", limit: 40)): \(TextSanitizer.clean(record.detail, limit: 200))"
                )
            }
        case .recovering(let count):
            if json {
                emit(.recovering, ["count": count])
            } else {
                Console.error("canceldesk: finishing \(count) request(s) an earlier run left half-done")
            }
        case .finished(let result):
            tally.withLock { $0.add(result) }
            if json {
                var fields: [String: Any] = [
                    "request": result.requestID, "outcome": result.kind.rawValue,
                    "subscription": result.subscriptionID, "detail": result.detail,
                ]
                if let cause = result.reviewCause {
                    fields["cause"] = cause.rawValue
                    fields["waiting"] = result.awaitingReview
                }
                emit(.decision, fields)
            } else {
                let kind = result.awaitingReview ? "waiting" : result.kind.rawValue
                let label = kind.padding(toLength: 12, withPad: " ", startingAt: 0)
                Console.out("\(label) \(result.requestID)  \(result.detail)")
            }
        case .stopping(let reason):
            if json { emit(.stopping, ["reason": reason]) } else { Console.error("canceldesk: stopping: \(reason)") }
        case .started, .recorded, .vendorRetry, .notStarted:
            break // a request not started stays pending; `stopping` said why
        }
    }

    /// A failure that ended a pass without a request to name (the listing): `{"type":"error","detail":…}` in JSON,
    /// a `canceldesk: …` line on stderr in text.
    func error(_ detail: String) {
        let text = TextSanitizer.clean(detail, limit: 600)
        if json { emit(.error, ["detail": text]) } else { Console.error("canceldesk: \(text)") }
    }

    func summary(_ summary: RunSummary) {
        if json {
            // Fixed key order, scripts may read the line as text; `needs_review_waiting` (earlier runs' requests still left
            // for review; `needs_review` counts only this run's new ones) comes last.
            Console.out(
                encoder.summary([
                    "approved": summary.approved, "rejected": summary.rejected, "skipped": summary.skipped,
                    "needs_review": summary.needsReview, "failed": summary.failed, "duration_ms": summary.durationMs,
                    "needs_review_waiting": summary.awaitingReview,
                ]))
        } else {
            Console.out(
                "summary: approved \(summary.approved), rejected \(summary.rejected), skipped \(summary.skipped), "
                    + "needs review \(summary.needsReview) new (\(summary.awaitingReview) still waiting), "
                    + "failed \(summary.failed) in \(summary.durationMs) ms")
        }
    }

    /// One JSON object on one line (see ``JSONLine``).
    private func emit(_ type: LineType, _ fields: [String: Any]) {
        let line = encoder.encode(type, fields)
        if !line.isEmpty { Console.out(line) }
    }
}
