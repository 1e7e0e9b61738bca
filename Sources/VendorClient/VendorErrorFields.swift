internal import Foundation

/// The fields of a vendor's JSON error body that canceldesk reads: `{"error": "already_cancelled", "message": "…"}`,
/// `{"error": {"code": "…", "message": "…"}}` or an RFC 9457 problem (`title`, `detail`).
struct VendorErrorFields: Sendable, Equatable {
    var code: String?
    var message: String?

    init(code: String? = nil, message: String? = nil) {
        self.code = code
        self.message = message
    }

    init(body: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            self.init()
            return
        }
        self.init(object: object)
    }

    /// The fields of a parsed JSON object.
    init(object: [String: Any]) {
        if let nested = object["error"] as? [String: Any] {
            code = Self.text(nested["code"]) ?? Self.text(nested["type"])
            message = Self.text(nested["message"])
        } else {
            code = Self.text(object["error"]) ?? Self.text(object["code"]) ?? Self.text(object["title"])
        }
        message =
            message ?? Self.text(object["message"]) ?? Self.text(object["detail"])
            ?? Self.text(object["error_description"])
    }

    private var words: String { ((code ?? "") + " " + (message ?? "")).lowercased() }

    /// "already cancelled", "already_canceled", "subscription is already cancelled"…
    var meansAlreadyCancelled: Bool { words.contains("already") && words.contains("cancel") }

    /// The IETF idempotency-key draft's 409: a request with this key is still being processed.
    var meansInProgress: Bool {
        let phrases = [
            "in progress", "in_progress", "in-progress", "processing", "being processed", "key in use", "in_use",
            "in-use",
        ]
        return phrases.contains { words.contains($0) }
    }

    private static func text(_ value: Any?) -> String? {
        if let string = value as? String, !string.isEmpty { return string }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }
}
