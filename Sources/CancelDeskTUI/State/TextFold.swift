import Foundation

/// Case and accent folding for the filter and for sorting names: `Québec`, `QUEBEC` and `quebec` fold alike, and
/// letters without a decomposition fold to their base letters (`Ł` to `l`, `Ø` to `o`, `ß` to `ss`), so they match
/// and sort with the unaccented letter instead of after `z`.
enum TextFold {
    /// `text` lower-cased, compatibility-decomposed, without Latin, Greek and Cyrillic accents (combining marks
    /// U+0300–U+036F; other scripts' marks, such as the Japanese voicing marks, stay). Printable ASCII takes a
    /// fast path that allocates once.
    static func fold(_ text: String) -> String {
        if SafeText.isPrintableASCII(text) { return asciiLowercased(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if let base = bases[scalar] {
                scalars.append(contentsOf: base.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Printable ASCII lower-cased byte by byte.
    static func asciiLowercased(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lower-case letters that do not decompose, with the letters they fold to.
    private static let bases: [Unicode.Scalar: String] = [
        "ł": "l", "ŀ": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
        "þ": "th", "ŧ": "t", "ŋ": "n", "ĸ": "k",
    ]
}
