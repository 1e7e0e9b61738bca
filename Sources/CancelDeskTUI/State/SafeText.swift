import CancelDeskCore

/// The console's one door for text from Connect or the vendor: every such string passes ``TextSanitizer`` here
/// (control characters, ESC, C1 and bidi overrides become visible `\u{…}` notation) and is capped in length
/// before anything measures or draws it.
enum SafeText {
    /// The longest field kept for the detail view (scalars, before sanitizing).
    static let fieldLimit = 4_096
    /// The longest field kept for a list row; a row is never wider than a terminal.
    static let rowLimit = 256

    /// One line: sanitized and capped. `altered` is true when the sanitizer replaced anything.
    static func line(_ raw: String, limit: Int = fieldLimit) -> (text: String, altered: Bool) {
        let capped = capped(raw, limit: limit)
        if isPrintableASCII(capped) { return (capped, false) } // nothing the sanitizer would replace
        let (text, changed) = TextSanitizer.sanitize(capped)
        return (text, changed)
    }

    /// True when every byte is printable ASCII (0x20–0x7E): such text holds nothing ``TextSanitizer``
    /// replaces, so the common case skips it and keeps sharing the original string's storage.
    static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte > 0x7E { return false }
            return true
        }
    }

    /// Just the sanitized text of one line.
    static func clean(_ raw: String, limit: Int = fieldLimit) -> String {
        line(raw, limit: limit).text
    }

    /// A value that may hold line breaks (notes, parameter values): split on LF and CRLF first, then each line
    /// sanitized, so breaks stay breaks in the detail view while a lone CR is still shown as tampering.
    static func lines(_ raw: String, limit: Int = fieldLimit) -> (lines: [String], altered: Bool) {
        let capped = capped(raw, limit: limit)
        var result: [String] = []
        var altered = false
        for piece in capped.split(separator: "\n", omittingEmptySubsequences: false) {
            var piece = Substring(piece)
            if piece.hasSuffix("\r") { piece = piece.dropLast() }
            let (text, changed) = TextSanitizer.sanitize(String(piece))
            altered = altered || changed
            result.append(text)
        }
        while result.count > 1, result.last?.isEmpty == true { result.removeLast() }
        return (result, altered)
    }

    private static func capped(_ raw: String, limit: Int) -> String {
        guard raw.utf8.count > limit else { return raw }
        let scalars = raw.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
            end != scalars.endIndex
        else { return raw }
        return String(scalars[..<end]) + "…"
    }
}
