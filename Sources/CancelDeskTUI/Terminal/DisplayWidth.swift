/// How many terminal columns text takes, in pure Swift (no `wcwidth` call): East Asian Wide and Fullwidth
/// characters and emoji-presentation characters take 2, combining marks and other zero-width scalars take 0,
/// everything else 1. Ambiguous-width characters count 1, as glibc's `wcwidth` does in UTF-8 locales.
public enum DisplayWidth {
    /// The columns one grapheme cluster takes: 0, 1 or 2.
    ///
    /// A cluster takes the width of its base scalar; a variation selector 16 (emoji presentation) or a regional
    /// indicator pair widens it to 2. A cluster made only of combining marks (a mark with no base) counts 1,
    /// because a terminal shows it in a cell of its own; only clusters of invisible scalars count 0.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return first.value >= 0x20 && first.value != 0x7F ? 1 : 0
        }
        var base: Unicode.Scalar?
        var hasMark = false
        for scalar in scalars {
            if scalar.value == 0xFE0F, base.map(isEmojiBase) == true { return 2 }
            let width = of(scalar)
            if width == 2 { return 2 }
            if width == 1, base == nil { base = scalar }
            if width == 0, isMark(scalar) { hasMark = true }
        }
        if base != nil { return 1 }
        return hasMark ? 1 : 0
    }

    /// The columns one scalar takes on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) { return 2 }
        return scalar.properties.isEmojiPresentation ? 2 : 1
    }

    /// The columns `text` takes.
    public static func of(_ text: String) -> Int {
        var total = 0
        var allASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            allASCII = false
            break
        }
        if allASCII { return text.utf8.count }
        for character in text { total += of(character) }
        return total
    }

    /// The columns `text` takes, or `limit + 1` as soon as it is known to exceed `limit` (cheap for long text).
    static func of(_ text: String, upTo limit: Int) -> Int {
        var total = 0
        for character in text {
            total += of(character)
            if total > limit { return limit + 1 }
        }
        return total
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: true
        default: false
        }
    }

    private static func isEmojiBase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmoji
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF: return true // zero-width and format
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true // Hangul medial vowels and final consonants
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true // variation selectors
        case 0x1F3FB...0x1F3FF: return true // skin tone modifiers (join the preceding emoji)
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, after EastAsianWidth.txt (Unicode 15), coarse-grained
    /// where a block is wholly wide.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
            0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
            0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55:
            return true
        case 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6:
            return true
        case 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08, 0x1AFF0...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B,
            0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265:
            return true
        case 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
