import CancelDeskCore
import Foundation
import GRDB

/// Decodes rows selected with ``JournalSchema/entryColumns`` into entries, without ever trapping.
///
/// GRDB's typed row subscripts trap on a NULL or an unconvertible value; a journal written by another version (or
/// edited by hand) must produce an error instead, so every column is read as a raw `DatabaseValue`.
enum JournalRow {
    /// The entry in `row`, whose entry columns start at `offset` (1 when the event id comes first).
    static func entry(_ row: Row, offset: Int = 0) throws -> JournalEntry {
        let requestID = text(row, offset)
        let stateText = text(row, offset + 1)
        guard let state = DecisionState(rawValue: stateText) else {
            throw JournalError(
                "request \(shown(requestID)) is in state \(shown(stateText)), which this canceldesk does not know "
                    + "(written by a newer version?); upgrade canceldesk to use this journal")
        }
        let modeText = text(row, offset + 3)
        guard let mode = RunMode(rawValue: modeText) else {
            throw JournalError(
                "request \(shown(requestID)) was recorded in mode \(shown(modeText)), which this canceldesk does not "
                    + "know (written by a newer version?); upgrade canceldesk to use this journal")
        }
        let atValue: DatabaseValue = row[offset + 2]
        guard let seconds = Double.fromDatabaseValue(atValue), seconds.isFinite else {
            throw JournalError("request \(shown(requestID)) has an unreadable time (\(shown(atValue.description)))")
        }
        return JournalEntry(
            requestID: requestID, state: state, at: Date(timeIntervalSince1970: seconds), mode: mode,
            osUser: text(row, offset + 4), host: text(row, offset + 5), connectUser: text(row, offset + 6),
            subscriptionID: text(row, offset + 7), idempotencyKey: text(row, offset + 8),
            vendorStatus: .stored(text(row, offset + 9)), vendorMessage: text(row, offset + 10),
            connectOutcome: .stored(text(row, offset + 11)), reason: text(row, offset + 12),
            templateID: text(row, offset + 13), owner: text(row, offset + 14),
            reviewCause: state == .needsReview ? ReviewCause(stored: text(row, offset + 15)) : nil)
    }

    /// The column as text; empty for NULL, numbers rendered as text, never a trap.
    private static func text(_ row: Row, _ index: Int) -> String {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return ""
        case .string(let string): return string
        case .int64(let integer): return String(integer)
        case .double(let double): return String(double)
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }

    /// A stored value quoted for an error message: sanitized for a terminal and cut short.
    static func shown(_ text: String) -> String {
        "'" + TextSanitizer.clean(text, limit: 80) + "'"
    }
}
