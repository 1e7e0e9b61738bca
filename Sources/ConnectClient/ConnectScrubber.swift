internal import CancelDeskCore
internal import Foundation

/// Turns text from outside (Connect bodies, transport errors) into message text, and guards outbound text: secrets
/// masked, terminal-safe, short.
///
/// Besides ``SecretRedactor`` (registered secrets and secret shapes), the configured key's secret part is masked
/// explicitly, so it never leaks even when nobody registered it.
struct ConnectScrubber: Sendable {
    /// The secret after the key id (`ApiKey SU-…:secret`), when long enough to mask safely.
    let keySecret: String?

    /// Text longer than this is cut before redaction (a secret cut in two is removed by the final limit).
    static let scanLimit = 4096

    init(apiKey: ConnectAPIKey) {
        var value = Substring(apiKey.headerValue)
        if value.hasPrefix("ApiKey ") { value = value.dropFirst("ApiKey ".count) }
        if let colon = value.firstIndex(of: ":") { value = value[value.index(after: colon)...] }
        keySecret = value.count >= 4 ? String(value) : nil
    }

    /// `text` with the key's secret, registered secrets and secret shapes masked.
    func redact(_ text: String) -> String {
        var out = text
        if let keySecret, out.contains(keySecret) {
            out = out.replacingOccurrences(of: keySecret, with: SecretRedactor.mask)
        }
        return SecretRedactor.redact(out)
    }

    /// Outside text made fit for a message: redacted, sanitized, at most `limit` characters.
    func message(_ text: String, limit: Int = 300) -> String {
        TextSanitizer.clean(redact(String(text.prefix(Self.scanLimit))), limit: limit)
    }

    /// `error` with every message (and the code) redacted, sanitized and shortened.
    func error(_ error: ServiceError) -> ServiceError {
        var clean = error
        clean.messages = error.messages.prefix(10).map { message($0) }
        clean.code = error.code.map { message($0, limit: 40) }
        return clean
    }
}
