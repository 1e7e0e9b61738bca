/// A Connect API key (`ApiKey SU-…:secret`). Prints redacted everywhere; only ``headerValue`` holds the secret.
public struct ConnectAPIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The `Authorization` header value, with the `ApiKey ` prefix added when it was missing.
    public let headerValue: String

    /// Normalises `raw`: trims one trailing line feed (a file's last newline; a CR before it is refused), adds the
    /// `ApiKey ` prefix when missing. Returns nil when the key is empty or contains whitespace or control
    /// characters (C0, DEL, C1) inside it.
    public init?(_ raw: String) {
        var scalars = raw.unicodeScalars[...]
        if scalars.last == "\n" { scalars = scalars.dropLast() }
        var text = Substring(String(String.UnicodeScalarView(scalars)))
        if text.hasPrefix("ApiKey ") { text = text.dropFirst("ApiKey ".count) }
        guard !text.isEmpty,
            !text.unicodeScalars.contains(where: { $0.value < 0x21 || (0x7F...0x9F).contains($0.value) })
        else {
            return nil
        }
        headerValue = "ApiKey " + text
    }

    /// The secret part (after the first `:`), for ``SecretRedactor/register(_:)``; empty when there is none.
    public var secretPart: String {
        guard let colon = headerValue.firstIndex(of: ":") else { return "" }
        return String(headerValue[headerValue.index(after: colon)...])
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
