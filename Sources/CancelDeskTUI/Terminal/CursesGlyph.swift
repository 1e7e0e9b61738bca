/// What actually goes into one screen cell: the last line of defence between frame text and the terminal.
///
/// Renderers sanitize text and size cells already; this makes sure that whatever a cell holds, curses gets one
/// spacing character plus combining marks that fit the cell's columns, and never a control, bidi or format
/// character (those reach the terminal raw or move the cursor).
struct CursesGlyph: Equatable, Sendable {
    /// Scalar values to hand to `setcchar`: a spacing character, then up to four zero-width combining ones.
    var scalars: [UInt32]
    /// Columns the spacing character takes (1 or 2).
    var width: Int

    /// Shown instead of anything that cannot be drawn safely in the cell.
    static let replacement = CursesGlyph(scalars: [0xFFFD], width: 1)
    /// A blank cell.
    static let blank = CursesGlyph(scalars: [0x20], width: 1)

    /// Most scalars one cell holds (ncurses' `CCHARW_MAX`).
    static let maximumScalars = 5

    /// The glyph for a cell's text in a cell `columns` wide (2 when the frame follows it with a continuation).
    /// - Parameters:
    ///   - text: One grapheme cluster; more is cut to the first spacing character and its combining marks.
    ///   - columns: The columns the frame gives the cell.
    ///   - width: `wcwidth` for one scalar: -1 unprintable, 0 combining, 1 or 2 columns.
    /// - Returns: A glyph no wider than `columns`; `replacement` when the text does not fit or cannot be shown.
    static func make(text: String, columns: Int, width: (UInt32) -> Int) -> CursesGlyph {
        var scalars = text.unicodeScalars.map(\.value)[...]
        guard let first = scalars.first else { return .blank }
        var glyph: CursesGlyph
        let firstWidth = isUnsafe(first) ? -1 : width(first)
        switch firstWidth {
        case 1, 2:
            glyph = CursesGlyph(scalars: [first], width: firstWidth)
            scalars = scalars.dropFirst()
        case 0:
            // A combining mark with nothing to combine with: put it on a space, as it would show on paper.
            glyph = CursesGlyph(scalars: [0x20], width: 1)
        default:
            return .replacement
        }
        guard glyph.width <= columns else { return .replacement }
        for scalar in scalars where glyph.scalars.count < maximumScalars {
            // Keep combining marks and variation selectors; drop anything spacing (a second emoji of a ZWJ
            // sequence, a skin-tone modifier) so the glyph keeps its width.
            guard !isUnsafe(scalar), width(scalar) == 0 else { continue }
            glyph.scalars.append(scalar)
        }
        return glyph
    }

    /// Characters that must never reach the terminal: C0, DEL, C1, line and paragraph separators, and the bidi
    /// and invisible format characters (bidi controls, zero-width and other `Cf` characters).
    static func isUnsafe(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200B...0x200F, 0x202A...0x202E,
            0x2060...0x2069, 0xFEFF:
            true
        default:
            false
        }
    }
}
