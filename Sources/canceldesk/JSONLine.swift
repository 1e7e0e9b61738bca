import CancelDeskCore
import Foundation

/// One JSON object as one line of machine output.
enum JSONLine {
    /// `object` encoded with sorted keys; every string value is redacted (``SecretRedactor``) *before* encoding, so
    /// that a secret the encoder would escape (`/` as `\/`) is still found. Empty when it cannot be encoded.
    static func encode(_ object: [String: Any]) -> String {
        var redacted = object
        for (key, value) in object {
            if let text = value as? String { redacted[key] = SecretRedactor.redact(text) }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: redacted, options: [.sortedKeys]) else {
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }
}
