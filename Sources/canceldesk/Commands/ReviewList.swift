import ArgumentParser
import CancelDeskCore
import Foundation

/// `canceldesk list --needs-review`: the requests left for a person, from the journal, oldest first, with why.
enum ReviewList {
    /// Writes one line (or, with `--json`, one JSON object) per request in needs_review.
    static func run(_ global: GlobalOptions) async throws {
        let json = global.json
        try await AppEnvironment.with(global, mode: .cli) { app in
            let entries = try await app.engine(events: { _ in }).needingReview()
            for entry in entries {
                guard Console.out(json ? Self.json(entry) : Self.line(entry)) else {
                    throw ExitCode(Console.closedOutputExitCode)
                }
            }
            if !json { Console.error("\(entries.count) request(s) need review") }
        }
    }

    /// The vendor's message when there is one (a refusal), else why the request needs review.
    static func message(_ entry: JournalEntry) -> String {
        entry.vendorMessage.isEmpty ? entry.reason : entry.vendorMessage
    }

    /// `PR-…  2026-…Z  vendor_refusal  SUB-…  message`, sanitized.
    static func line(_ entry: JournalEntry) -> String {
        let cause = (entry.reviewCause ?? .unknown).rawValue
        return [
            entry.requestID, ISO8601DateFormatter().string(from: entry.at),
            cause.padding(toLength: 21, withPad: " ", startingAt: 0),
            entry.subscriptionID.isEmpty ? "—" : entry.subscriptionID, message(entry),
        ].map { TextSanitizer.clean($0, limit: 300) }.joined(separator: "  ")
    }

    /// `{"event":"needs_review","request":…,"subscription":…,"cause":…,"message":…,"detail":…,"at":…}`.
    static func json(_ entry: JournalEntry) -> String {
        let object: [String: Any] = [
            "event": "needs_review", "request": TextSanitizer.clean(entry.requestID),
            "subscription": TextSanitizer.clean(entry.subscriptionID),
            "cause": (entry.reviewCause ?? .unknown).rawValue, "message": TextSanitizer.clean(message(entry)),
            "detail": TextSanitizer.clean(entry.reason), "at": ISO8601DateFormatter().string(from: entry.at),
        ]
        return JSONLine.encode(object)
    }
}
