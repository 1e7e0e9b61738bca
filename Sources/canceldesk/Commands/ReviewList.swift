import ArgumentParser
import CancelDeskCore
import Foundation

/// `canceldesk list --needs-review`: the requests left for a person, from the journal, oldest first, with why.
enum ReviewList {
    /// Writes one tab-separated line (or, with `--json`, one `needs_review` line) per request in needs_review.
    static func run(_ global: GlobalOptions) async throws {
        let json = global.json
        try await AppEnvironment.with(global, mode: .cli) { app in
            let entries = try await app.engine(events: { _ in }).needingReview()
            let encoder = JSONLine(profile: app.profile)
            if !json {
                try ListCommand.write(["REQUEST", "AT", "CAUSE", "SUBSCRIPTION", "MESSAGE"].joined(separator: "\t"))
            }
            for entry in entries {
                try ListCommand.write(json ? encoder.encode(.needsReview, fields(entry)) : line(entry))
            }
            if !json { Console.error("\(entries.count) request(s) need review") }
        }
    }

    /// The vendor's message when there is one (a refusal), else why the request needs review.
    static func message(_ entry: JournalEntry) -> String {
        entry.vendorMessage.isEmpty ? entry.reason : entry.vendorMessage
    }

    /// `PR-…<TAB>2026-…Z<TAB>vendor_refusal<TAB>SUB-…<TAB>message`, each field sanitized (tabs and line breaks
    /// cannot survive sanitizing, so the columns hold).
    static func line(_ entry: JournalEntry) -> String {
        [
            entry.requestID, ISO8601DateFormatter().string(from: entry.at), (entry.reviewCause ?? .unknown).rawValue,
            entry.subscriptionID.isEmpty ? "-" : entry.subscriptionID, message(entry),
        ].map { TextSanitizer.clean($0, limit: 300) }.joined(separator: "\t")
    }

    /// The `needs_review` line's fields, raw (JSON escaping is the safety).
    static func fields(_ entry: JournalEntry) -> [String: Any] {
        [
            "request": entry.requestID, "subscription": entry.subscriptionID,
            "cause": (entry.reviewCause ?? .unknown).rawValue, "message": message(entry), "detail": entry.reason,
            "at": ISO8601DateFormatter().string(from: entry.at),
        ]
    }
}
