/// Tells a vendor that refuses one request apart from a vendor that refuses everything (a configuration fault).
///
/// In a queue pass a vendor refusal is not settled (no `vendor_refused` row, no reject) until the pass knows the
/// vendor answers honestly: it saw a vendor cancel succeed, or refusals that differ. When ``faultThreshold``
/// refusals share one signature (the adapter's answer label and the message) and nothing else was seen, the vendor
/// is misconfigured (a base-path typo makes every call 404, a wrong key 401s): nothing is settled and the pass stops.
///
/// A pure value: the queue's board feeds it every vendor answer of the pass.
struct RefusalWatch: Sendable, Equatable {
    /// What makes two refusals alike.
    struct Signature: Sendable, Hashable {
        /// The adapter's label of the answer (`HTTP 404`), nil when nothing came back.
        var answer: String?
        /// The vendor's message, sanitized, redacted and truncated.
        var message: String
    }

    /// Refusals sharing one signature, with nothing else seen, that make a configuration fault.
    static let faultThreshold = 3

    private var counts: [Signature: Int] = [:]
    private var sawCancel = false

    /// A vendor cancel succeeded (or the subscription was already cancelled).
    mutating func cancelled() {
        sawCancel = true
    }

    /// A vendor refusal with this signature.
    mutating func refused(_ signature: Signature) {
        counts[signature, default: 0] += 1
    }

    /// The pass has seen the vendor answer honestly: refusals may be settled as they come.
    var honest: Bool { sawCancel || counts.count > 1 }

    /// The refusal every vendor call of the pass got, once that is a configuration fault.
    var fault: Signature? {
        guard !honest, let (signature, count) = counts.first, count >= Self.faultThreshold else { return nil }
        return signature
    }

    /// `every vendor call was refused alike (HTTP 404: Not Found): check the vendor configuration`.
    static func describe(_ signature: Signature) -> String {
        let status = signature.answer ?? "no answer"
        // The adapters' messages often start with the label already ("HTTP 404 without a message").
        let message =
            signature.message.isEmpty || signature.message.hasPrefix(status) ? "" : ": \(signature.message)"
        if signature.message.hasPrefix(status) {
            return "every vendor call was refused alike (\(signature.message)): check the vendor configuration"
        }
        return "every vendor call was refused alike (\(status)\(message)): check the vendor configuration"
    }
}

extension RefusalWatch.Signature {
    /// The signature of a refusal, nil for any other answer.
    init?(_ outcome: VendorOutcome) {
        guard case .permanent(let message, _, let answer) = outcome else { return nil }
        self.init(answer: answer, message: CancelSaga.outbound(message, limit: 120))
    }
}
