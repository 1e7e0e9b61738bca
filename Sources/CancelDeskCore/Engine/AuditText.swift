internal import Foundation

/// Builds the audit note of a decision: what was decided, by whom, the vendor outcome and the idempotency key.
public enum AuditText {
    /// The decisions that get a note.
    public static func isAudited(_ state: DecisionState) -> Bool {
        state == .approved || state == .rejected || state == .needsReview
    }

    /// The note for the final journal row `entry`.
    /// - Parameters:
    ///   - vendorStatus: the vendor outcome recorded for the request (this row's, else an earlier row's).
    ///   - assignee: the configured operator (`connect.assignee`), when there is one.
    public static func note(
        for entry: JournalEntry, vendorStatus: String, assignee: UserReference?
    ) -> AuditNote {
        let ref = reference(entry)
        let mode =
            switch entry.mode {
            case .tui: "console"
            case .auto: "--auto"
            case .cli: "command line"
            }
        var lines = [
            "canceldesk: \(decision(entry.state)) \(entry.requestID)",
            "By: \(entry.osUser)@\(entry.host) (\(mode)); assignee: \(assignee?.label ?? "none configured")",
            "Vendor: \(vendorStatus.isEmpty ? "not called" : vendorStatus)"
                + (entry.subscriptionID.isEmpty ? "" : " (subscription \(entry.subscriptionID))"),
        ]
        if let outcome = entry.connectOutcome { lines.append("Connect: \(outcome.rawValue)") }
        if !entry.reason.isEmpty { lines.append("Reason: \(entry.reason)") }
        lines.append("Idempotency key: \(entry.idempotencyKey.isEmpty ? "none" : entry.idempotencyKey)")
        lines.append("Ref: \(ref)")
        let text = lines.map { CancelSaga.outbound($0, limit: 600) }.joined(separator: "\n")
        return AuditNote(
            ref: ref, requestID: entry.requestID, state: entry.state, text: text, created: entry.at)
    }

    /// The marker a posted note carries, to find it again in the conversation.
    public static func marker(_ ref: String) -> String { "Ref: \(ref)" }

    private static func decision(_ state: DecisionState) -> String {
        switch state {
        case .approved: "approved (cancelled at the vendor, approved in Connect)"
        case .rejected: "rejected (failed in Connect)"
        case .needsReview: "needs review (left pending for a person)"
        default: state.rawValue
        }
    }

    /// `cd-` and 16 hex digits of a hash of the row's request, state, time and writer.
    private static func reference(_ entry: JournalEntry) -> String {
        let seed = "\(entry.requestID)|\(entry.state.rawValue)|\(entry.at.timeIntervalSince1970)|\(entry.owner)"
        return "cd-" + SHA256.hex(Array(SHA256.hash(Array(seed.utf8)).prefix(8)))
    }
}
