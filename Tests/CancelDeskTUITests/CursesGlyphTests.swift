import Testing

@testable import CancelDeskTUI

@Suite("CursesGlyph: what reaches a screen cell")
struct CursesGlyphTests {
    /// A stand-in for wcwidth: controls -1, combining marks and joiners 0, CJK and emoji 2, the rest 1.
    private static func width(_ scalar: UInt32) -> Int {
        switch scalar {
        case 0...0x1F, 0x7F...0x9F: -1
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x202A...0x202E: 0
        case 0x3000...0x9FFF, 0x1F300...0x1FAFF: 2
        default: 1
        }
    }

    private func glyph(_ text: String, columns: Int = 1) -> CursesGlyph {
        CursesGlyph.make(text: text, columns: columns, width: Self.width)
    }

    @Test("plain and wide characters")
    func plain() {
        #expect(glyph("a") == CursesGlyph(scalars: [0x61], width: 1))
        #expect(glyph("日", columns: 2) == CursesGlyph(scalars: [0x65E5], width: 2))
        #expect(glyph("") == .blank)
    }

    @Test("a wide character in a one-column cell is replaced, so the row does not shift")
    func wideInNarrowCell() {
        #expect(glyph("日", columns: 1) == .replacement)
    }

    @Test("combining marks stay with their character")
    func combining() {
        #expect(glyph("e\u{301}") == CursesGlyph(scalars: [0x65, 0x301], width: 1))
        #expect(glyph("\u{301}") == CursesGlyph(scalars: [0x20, 0x301], width: 1))
    }

    @Test("a multi-emoji sequence keeps its first emoji only")
    func zeroWidthJoiner() {
        #expect(glyph("👨\u{200D}👩\u{200D}👧", columns: 2) == CursesGlyph(scalars: [0x1F468], width: 2))
        #expect(glyph("👍🏽", columns: 2) == CursesGlyph(scalars: [0x1F44D], width: 2))
    }

    @Test(
        "controls, C1, bidi and format characters never reach the terminal",
        arguments: [
            "\u{1B}", "\u{07}", "\r", "\n", "\t", "\u{08}", "\u{7F}", "\u{9B}", "\u{9D}", "\u{202E}", "\u{2028}",
            "\u{200B}", "\u{FEFF}", "\u{061C}", "\u{2066}",
        ])
    func unsafe(text: String) {
        #expect(glyph(text) == .replacement)
        #expect(!glyph("a" + text).scalars.contains { CursesGlyph.isUnsafe($0) })
    }

    @Test("at most five scalars per cell (CCHARW_MAX)")
    func capped() {
        let text = "a" + String(repeating: "\u{301}", count: 9)
        #expect(glyph(text).scalars.count == CursesGlyph.maximumScalars)
    }
}
