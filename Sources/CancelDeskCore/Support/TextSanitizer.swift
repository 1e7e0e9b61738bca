/// Makes strings from the network safe for a terminal, a log line or a customer-visible reason.
///
/// C0 controls (tab, CR and LF included), DEL, C1 controls, ESC, and Unicode bidi and other format characters
/// are replaced with a visible `\u{XXXX}` notation; the result contains none of them. Sanitizing twice changes
/// nothing more.
public enum TextSanitizer {
    /// The sanitized text and whether anything was replaced.
    public static func sanitize(_ text: String) -> (text: String, changed: Bool) {
        var out = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            if isDangerous(scalar) {
                changed = true
                let hex = String(scalar.value, radix: 16, uppercase: true)
                for character in "\\u{" + hex + "}" { out.append(contentsOf: character.unicodeScalars) }
            } else {
                out.append(scalar)
            }
        }
        return (String(out), changed)
    }

    /// The sanitized text, cut to at most `limit` characters with `…` when longer.
    public static func clean(_ text: String, limit: Int = .max) -> String {
        let safe = sanitize(text).text
        guard safe.count > limit else { return safe }
        return String(safe.prefix(max(limit - 1, 0))) + "…"
    }

    /// True for scalars that must never reach a terminal raw.
    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true // C0, DEL, C1
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB: return true // bidi, format
        case 0x061C, 0x180E: return true
        case 0xE0000...0xE007F: return true // tag characters
        default:
            return scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
        }
    }
}
