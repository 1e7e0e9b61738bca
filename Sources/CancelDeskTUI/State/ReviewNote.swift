public import CancelDeskCore
import Foundation

/// Why a request waits for a person (its journal row is in needs_review), as the console shows it: loaded from the
/// journal at every listing (so it survives restarts) and updated by this session's results. Every text sanitized.
public struct ReviewNote: Sendable, Equatable {
    public let cause: ReviewCause
    /// The vendor's message, or why the request needs review, as drawn.
    public let text: String
    /// The vendor's message, offered first among the reject reasons; nil unless the vendor clearly refused.
    public let presetReason: String?

    /// The note of a needs_review journal row.
    public init(_ entry: JournalEntry) {
        self.init(
            cause: entry.reviewCause ?? .unknown,
            message: entry.vendorMessage.isEmpty ? entry.reason : entry.vendorMessage,
            vendorMessage: entry.vendorMessage)
    }

    /// The note of a needs-review result of this session (the vendor's message is in the journal, not the result).
    public init(cause: ReviewCause, message: String, vendorMessage: String = "") {
        self.cause = cause
        text = SafeText.clean(message, limit: 300)
        let preset = SafeText.clean(vendorMessage.trimmingCharacters(in: .whitespacesAndNewlines), limit: 300)
        presetReason = cause == .vendorRefusal && !preset.isEmpty ? preset : nil
    }

    /// `vendor refusal: legal hold until 2027`.
    public var line: String { text.isEmpty ? cause.label : "\(cause.label): \(text)" }
}
