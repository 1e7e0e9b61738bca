import CancelDeskCore
import Foundation
import Synchronization

/// The headless renderer of engine events: one human line per decision, or one JSON object per line.
///
/// Every string that reaches stdout or stderr is redacted (``SecretRedactor``) before it is encoded. The reporter
/// also keeps a tally of the results it saw, so that a summary can be written even when a pass had to be abandoned.
final class HeadlessReporter: Sendable {
    let json: Bool
    private let tally = Mutex(RunSummary())

    init(json: Bool) {
        self.json = json
    }

    /// The results reported so far (counts only).
    var seen: RunSummary { tally.withLock { $0 } }

    func report(_ event: EngineEvent) {
        switch event {
        case .snapshot(let count, let skipped, let total):
            if json {
                emit(["event": "snapshot", "count": count, "skipped": skipped.count, "reported_total": total])
            } else {
                Console.error("canceldesk: \(count) pending cancel request(s) to process"
                    + (skipped.isEmpty ? "" : ", \(skipped.count) record(s) left out (see the log)"))
            }
            for record in skipped {
                Console.error("canceldesk: left out \(TextSanitizer.clean(record.id ?? "?", limit: 40)): \(TextSanitizer.clean(record.detail, limit: 200))")
            }
        case .recovering(let count):
            if json { emit(["event": "recovering", "count": count]) } else {
                Console.error("canceldesk: finishing \(count) request(s) an earlier run left half-done")
            }
        case .finished(let result):
            tally.withLock { $0.add(result) }
            if json {
                emit([
                    "event": "decision", "request": result.requestID, "outcome": result.kind.rawValue,
                    "subscription": result.subscriptionID, "detail": result.detail,
                ])
            } else {
                Console.out("\(result.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(result.requestID)  \(result.detail)")
            }
        case .stopping(let reason):
            if json { emit(["event": "stopping", "reason": reason]) } else { Console.error("canceldesk: stopping: \(reason)") }
        case .started, .recorded, .vendorRetry:
            break
        }
    }

    /// A failure that ended a pass without a request to name (the listing): `{"event":"error","detail":…}` in JSON,
    /// a `canceldesk: …` line on stderr in text.
    func error(_ detail: String) {
        let text = TextSanitizer.clean(detail, limit: 600)
        if json { emit(["event": "error", "detail": text]) } else { Console.error("canceldesk: \(text)") }
    }

    func summary(_ summary: RunSummary) {
        let fields: [String: Int] = [
            "approved": summary.approved, "rejected": summary.rejected, "skipped": summary.skipped,
            "needs_review": summary.needsReview, "failed": summary.failed, "duration_ms": summary.durationMs,
        ]
        if json {
            // Fixed key order: scripts may read the line as text.
            let order = ["approved", "rejected", "skipped", "needs_review", "failed", "duration_ms"]
            Console.out("{\"event\":\"summary\"," + order.map { "\"\($0)\":\(fields[$0]!)" }.joined(separator: ",") + "}")
        } else {
            Console.out(
                "summary: approved \(summary.approved), rejected \(summary.rejected), skipped \(summary.skipped), "
                    + "needs review \(summary.needsReview), failed \(summary.failed) in \(summary.durationMs) ms")
        }
    }

    /// One JSON object on one line (see ``JSONLine``).
    private func emit(_ object: [String: Any]) {
        let line = JSONLine.encode(object)
        if !line.isEmpty { Console.out(line) }
    }
}
