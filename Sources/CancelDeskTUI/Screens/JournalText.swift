import CancelDeskCore

/// One journal entry as a line: step, outcomes, reason, who. Every field sanitized.
enum JournalText {
    static func summary(_ entry: JournalEntry, includeRequest: Bool) -> (text: String, altered: Bool) {
        var altered = false
        func take(_ raw: String) -> String {
            let (text, changed) = SafeText.line(raw, limit: 500)
            altered = altered || changed
            return text
        }
        var parts: [String] = []
        if includeRequest { parts.append(take(entry.requestID)) }
        parts.append(entry.state.rawValue)
        if !entry.subscriptionID.isEmpty { parts.append("sub " + take(entry.subscriptionID)) }
        if let status = entry.vendorStatus {
            var vendor = "vendor " + take(status.rawValue)
            if !entry.vendorMessage.isEmpty { vendor += " (\(take(entry.vendorMessage)))" }
            parts.append(vendor)
        }
        if let outcome = entry.connectOutcome { parts.append("connect " + take(outcome.rawValue)) }
        if let cause = entry.reviewCause { parts.append("cause: " + cause.label) }
        if !entry.reason.isEmpty { parts.append("reason: " + take(entry.reason)) }
        if !entry.templateID.isEmpty { parts.append("template " + take(entry.templateID)) }
        var who = take(entry.osUser)
        if !entry.host.isEmpty { who += "@" + take(entry.host) }
        if !entry.connectUser.isEmpty { who += " as " + take(entry.connectUser) }
        if !who.isEmpty { parts.append("by \(who) (\(entry.mode.rawValue))") }
        return (parts.joined(separator: " · "), altered)
    }
}
