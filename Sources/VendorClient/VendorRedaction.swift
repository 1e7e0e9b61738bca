internal import CancelDeskCore
internal import Foundation

/// Masks secrets in every text a vendor adapter returns: the configured vendor key, whether or not it was
/// registered, then everything ``SecretRedactor`` knows (registered secrets and secret shapes: `Bearer …`, echoed
/// `Authorization` headers, URL user info, `?token=`).
enum VendorRedaction {
    /// Keys shorter than this are masked by the shape rules only: masking a 3-letter key everywhere would garble
    /// ordinary words.
    static let minimumKeyLength = 4

    /// `text` with `key` (when set) and every known secret or secret shape replaced by ``SecretRedactor/mask``.
    static func redact(_ text: String, key: String?) -> String {
        var out = text
        if let key {
            let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
            for value in Set([key, trimmed]) where value.count >= minimumKeyLength {
                out = out.replacingOccurrences(of: value, with: SecretRedactor.mask)
            }
        }
        return SecretRedactor.redact(out)
    }

    /// True when `key` holds a character that must never be sent in a header: CR, LF, NUL, DEL or another control.
    static func hasControlCharacters(_ key: String) -> Bool {
        key.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Why `key` cannot be used, or nil.
    static func keyProblem(_ key: String?) -> String? {
        guard let key, hasControlCharacters(key) else { return nil }
        return "the vendor API key holds control characters (such as CR or LF); it is never sent"
    }
}

extension VendorOutcome {
    /// The same outcome with its message redacted (``VendorRedaction/redact(_:key:)``).
    func redacted(key: String?) -> VendorOutcome {
        switch self {
        case .cancelled(let already, let message):
            .cancelled(alreadyCancelled: already, message: VendorRedaction.redact(message, key: key))
        case .transient(let message, let retryAfter):
            .transient(message: VendorRedaction.redact(message, key: key), retryAfter: retryAfter)
        case .permanent(let message, let clear, let answer):
            .permanent(message: VendorRedaction.redact(message, key: key), clearRefusal: clear, answer: answer)
        case .unauthorized(let message):
            .unauthorized(message: VendorRedaction.redact(message, key: key))
        }
    }
}
