/// A Connect API key (`ApiKey SU-…:secret`). Prints redacted everywhere; only ``headerValue`` holds the secret.
public struct ConnectAPIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The `Authorization` header value, with the `ApiKey ` prefix added when it was missing.
    public let headerValue: String

    /// Normalises `raw`: trims one trailing newline, adds the `ApiKey ` prefix when missing.
    /// Returns nil when the key is empty or contains whitespace or control characters inside it.
    public init?(_ raw: String) {
        var text = Substring(raw)
        if text.hasSuffix("\r\n") { text = text.dropLast(2) } else if text.hasSuffix("\n") { text = text.dropLast() }
        if text.hasPrefix("ApiKey ") { text = text.dropFirst("ApiKey ".count) }
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else {
            return nil
        }
        headerValue = "ApiKey " + text
    }

    /// The key with the secret replaced: `ApiKey SU-000-000-000:********`.
    public var redacted: String { Self.redact(headerValue) }

    public var description: String { redacted }
    public var debugDescription: String { redacted }

    /// Redacts the part after the first `:` of an `ApiKey` value; anything else becomes `********`.
    public static func redact(_ value: String) -> String {
        guard let colon = value.firstIndex(of: ":") else { return "********" }
        return value[..<colon] + ":********"
    }
}
