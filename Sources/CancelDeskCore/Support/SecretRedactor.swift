internal import Foundation

/// Removes secrets from every text that leaves the process: stdout, stderr, logs, the journal, the console and
/// outbound texts (reject reasons, messages).
///
/// Two layers:
/// - **Known secrets**: the values canceldesk was given (the Connect key's secret part, the vendor key, the key
///   salt, secrets read from files) are registered once, at start-up, with ``register(_:)``; every occurrence of
///   one is replaced with `********`.
/// - **Shapes of secrets**, whoever sent them: `ApiKey SU-…:secret`, `Bearer token`, an `Authorization` header
///   echoed in a body, URL user info (`https://user:pass@host`) and query tokens (`?token=…`, `&api_key=…`).
///
/// Redacting twice changes nothing more. The registry is process-wide on purpose: a secret must not leak through
/// any path, including ones that were never handed a redactor.
public enum SecretRedactor {
    /// What replaces a secret.
    public static let mask = "********"

    /// Shortest value registered as a secret: shorter ones would mask ordinary words; they are still caught by
    /// the shape rules when they appear in a key, header or URL.
    public static let minimumLength = 6

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [String] = []

    /// Registers a secret value: from now on every occurrence of it is redacted. Values shorter than
    /// ``minimumLength`` are ignored; surrounding whitespace is trimmed.
    public static func register(_ secret: String) {
        let value = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count >= minimumLength, value != mask else { return }
        lock.lock()
        defer { lock.unlock() }
        if !known.contains(value) {
            known.append(value)
            // Longest first, so a secret containing another is masked whole.
            known.sort { $0.count > $1.count }
        }
    }

    /// True when `text` contains a registered secret (for tests and checks).
    public static func containsKnownSecret(_ text: String) -> Bool {
        lock.lock()
        let secrets = known
        lock.unlock()
        return secrets.contains { text.contains($0) }
    }

    /// `text` with every known secret and every secret-shaped value replaced by ``mask``.
    public static func redact(_ text: String) -> String {
        lock.lock()
        let secrets = known
        lock.unlock()
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: mask)
        }
        // Cheap pre-checks keep the common case (no secret shape at all) fast.
        let lower = out.lowercased()
        if lower.contains("apikey") || lower.contains("su-") {
            out = out.replacing(apiKeyShape) { match in match.output.1 + mask }
        }
        if lower.contains("bearer") {
            out = out.replacing(schemeShape) { match in match.output.1 + mask }
        }
        if lower.contains("authorization") || lower.contains("api-key") || lower.contains("api_key")
            || lower.contains("x-api") || lower.contains("secret") || lower.contains("password")
        {
            out = out.replacing(headerShape) { match in match.output.1 + match.output.2 + mask }
        }
        if lower.contains("://") && lower.contains("@") {
            out = out.replacing(userInfoShape) { match in match.output.1 + mask + "@" }
        }
        if lower.contains("=") {
            out = out.replacing(queryShape) { match in match.output.1 + mask }
        }
        return out
    }

    // `ApiKey SU-123-456:secret` or a bare `SU-123-456:secret`: keep the id, mask the secret.
    nonisolated(unsafe) private static let apiKeyShape = #/(?i)((?:apikey\s+)?SU-[A-Za-z0-9-]+:)(?!\*{8})[^\s"',;}\]]+/#
    // `Bearer xyz` (other schemes are caught when their header is echoed).
    nonisolated(unsafe) private static let schemeShape = #/(?i)(\bbearer\s+)(?!\*{8})[A-Za-z0-9._~+/=:-]{4,}/#
    // An echoed header or field: `Authorization: …`, `"x-api-key": "…"`, `password=…`, `client_secret: …`.
    nonisolated(unsafe) private static let headerShape =
        #/(?i)((?:proxy-)?(?:authorization|x-api-key|api-key|api_key|apikey|[a-z_-]*secret|password|passwd)["']?\s*[:=]\s*["']?)(?!(?:(?:bearer|basic|apikey|token)\s+)?[^\s"',;}\]]*\*{8})((?:(?:bearer|basic|apikey|token)\s+)?)[^\s"',;}\]]+/#
    // `scheme://user:pass@host`: everything between `://` and `@` in the authority.
    nonisolated(unsafe) private static let userInfoShape = #/(?i)(\b[a-z][a-z0-9+.-]*://)(?!\*{8}@)[^/\s@?#"']+@/#
    // `?token=…`, `&api_key=…` and the like in URLs and form bodies.
    nonisolated(unsafe) private static let queryShape =
        #/(?i)([?&;](?:token|access_token|refresh_token|id_token|api_key|apikey|key|secret|client_secret|password|passwd|sig|signature|auth|session)=)(?!\*{8})[^&\s#"']+/#
}
