import CancelDeskCore
import Foundation

/// One JSON object as one line of machine output (`--json`; every line type is documented in docs/json.md).
///
/// Values are raw: JSON escaping is what makes them safe, not display sanitizing. Beyond what JSON requires, the
/// characters a terminal could act on that JSON leaves as they are (DEL, the C1 controls, bidi and format
/// controls, line/paragraph separators) are written as `\uXXXX` escapes, so that a line printed on a terminal
/// cannot drive it and still decodes to the raw value. Secrets are masked (``SecretRedactor``) in every string,
/// however deeply nested, before encoding.
struct JSONLine: Sendable {
    /// The profile every line names (`profile` key); nil when none is in use.
    let profile: String?

    init(profile: String? = nil) {
        self.profile = profile
    }

    /// `fields` with `type` (and `event`, the name older readers know) set to `type` and the profile named; keys sorted.
    /// Empty when it cannot be encoded.
    func encode(_ type: LineType, _ fields: [String: Any]) -> String {
        var object = fields
        object["type"] = type.rawValue
        object["event"] = type.rawValue
        if let profile { object["profile"] = profile }
        return Self.encode(object)
    }

    /// The `summary` line, with the keys in their documented order (`event` first, `duration_ms` last of them), then
    /// `type` and `profile`.
    func summary(_ counts: KeyValuePairs<String, Int>) -> String {
        var parts = ["\"event\":\"summary\""] + counts.map { "\"\($0.key)\":\($0.value)" }
        parts.append("\"type\":\"summary\"")
        if let profile { parts.append("\"profile\":" + Self.encode(value: profile)) }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Any JSON object, redacted and encoded on one line with sorted keys; empty when it cannot be encoded.
    static func encode(_ object: [String: Any]) -> String {
        let object = redacted(object)
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return "" }
        return escapeTerminalControls(String(decoding: data, as: UTF8.self))
    }

    /// One string as a JSON value (quoted, escaped, redacted).
    static func encode(value: String) -> String {
        let line = encode(["v": value])
        guard line.hasPrefix("{\"v\":"), line.hasSuffix("}") else { return "\"\"" }
        return String(line.dropFirst(5).dropLast())
    }

    /// Every string in `value` (keys of nested objects included) passed through ``SecretRedactor/redact(_:)``.
    static func redacted(_ value: Any) -> Any {
        switch value {
        case let text as String:
            return SecretRedactor.redact(text)
        case let array as [Any]:
            return array.map(redacted)
        case let object as [String: Any]:
            let pairs = object.map { (SecretRedactor.redact($0.key), redacted($0.value)) }
            return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        default:
            return value
        }
    }

    /// `json` with DEL, C1, bidi and format controls and U+2028/U+2029 written as `\uXXXX` (they can only occur
    /// inside strings there, where the escape means the same character).
    static func escapeTerminalControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isTerminalControl) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard isTerminalControl(scalar) else {
                out.append(scalar)
                continue
            }
            // Beyond the BMP (tag characters), JSON's escape is a UTF-16 surrogate pair.
            for unit in String(scalar).utf16 {
                out.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars)
            }
        }
        return String(out)
    }

    /// What ``TextSanitizer`` would not print raw, beyond the C0 controls JSON escapes itself.
    private static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x7F && TextSanitizer.isDangerous(scalar)
    }
}

/// The kinds of JSON line, the `type` of each (docs/json.md).
enum LineType: String, Sendable, CaseIterable {
    /// `--auto`: the listing of a pass.
    case snapshot
    /// `--auto`: requests an earlier run left half-done are being finished.
    case recovering
    /// `--auto`, `approve`, `reject`: one request's result.
    case decision
    /// `--auto`: the pass stops starting requests.
    case stopping
    /// Any command: a failure without a request to name; `exit_status` says how the command ends.
    case error
    /// `--auto`, `approve`, `reject`: the counts; always the last line.
    case summary
    /// `list`: one pending request.
    case request
    /// `show`: the request in full.
    case detail
    /// `history`, `show`: one journal entry.
    case history
    /// `history ID`: one message of the request's Connect conversation.
    case conversation
    /// `list --needs-review`: one request left for a person, with why.
    case needsReview = "needs_review"
    /// `doctor`: one check.
    case check
    /// `doctor`: the verdict; the last line.
    case doctor
}
