import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

@Suite struct DisplayWidthTests {
    @Test func widthsOfScripts() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("株式会社サンプル") == 16)
        #expect(DisplayWidth.of("ｱｲｳ") == 3, "halfwidth katakana is narrow")
        #expect(DisplayWidth.of("ＡＢ") == 4, "fullwidth latin is wide")
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1, "a combining mark adds nothing")
        #expect(DisplayWidth.of("Zu\u{308}rich") == 6)
        #expect(DisplayWidth.of("Ελληνική") == 8)
        #expect(DisplayWidth.of("👍🏽") == 2, "emoji with a skin tone")
        #expect(DisplayWidth.of("❤️") == 2, "text-default emoji with VS16")
        #expect(DisplayWidth.of("🇯🇵") == 2, "a flag")
        #expect(DisplayWidth.of("\u{301}") == 1, "a mark without a base still takes a cell")
        #expect(DisplayWidth.of("…") == 1)
    }

    @Test func truncationCountsColumnsAndNeverSplitsAGrapheme() {
        var canvas = Canvas(TerminalSize(rows: 3, columns: 10), noColor: false)
        canvas.text("日本語テキスト", row: 0, column: 0, width: 7)
        #expect(RecordingTerminal.lines(canvas.frame)[0] == "日本語…   ")
        #expect(canvas.frame[0, 1] == Cell.continuation)
        #expect(canvas.frame[0, 6].text == "…")
        canvas.text("日本語テキスト", row: 1, column: 0, width: 6)
        #expect(
            RecordingTerminal.lines(canvas.frame)[1] == "日本… " + "    ",
            "a wide character that does not fit leaves a space")
        canvas.text("Cafe\u{301}s and more", row: 2, column: 0, width: 5)
        #expect(canvas.frame[2, 3].text == "e\u{301}", "the mark stays with its letter")
        #expect(canvas.frame[2, 4].text == "…")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(TerminalSize(rows: 1, columns: 6), noColor: false)
        canvas.text("日本語", row: 0, column: 0)
        canvas.text("x", row: 0, column: 1, width: 1)
        #expect(canvas.frame[0, 0].text == " ")
        #expect(canvas.frame[0, 1].text == "x")
        canvas.text("y", row: 0, column: 2, width: 1)
        #expect(canvas.frame[0, 2].text == "y")
        #expect(canvas.frame[0, 3].text == " ", "the right half of 本 is blanked, never left dangling")
    }

    @Test func columnsStayAlignedWithWideAndCombiningNames() {
        let state = Fixture.state(columns: 120)
        let frame = render(state)
        let lines = RecordingTerminal.lines(frame)
        // Column index of the first cell of `needle` in the row showing `id`.
        func start(of needle: String, inRowOf id: String) -> Int? {
            guard let row = lines.firstIndex(where: { $0.contains(id) }) else { return nil }
            for column in 0..<frame.columns {
                var text = ""
                var x = column
                while x < frame.columns, text.count < needle.count {
                    text += frame[row, x].text
                    x += 1
                }
                if text == needle { return column }
            }
            return nil
        }
        let ascii = start(of: "SUB-00007", inRowOf: Fixture.id(1))
        let cjk = start(of: "SUB-00014", inRowOf: Fixture.id(2))
        let combining = start(of: "SUB-00021", inRowOf: Fixture.id(3))
        let greek = start(of: "SUB-00028", inRowOf: Fixture.id(4))
        #expect(ascii != nil)
        #expect(cjk == ascii)
        #expect(combining == ascii)
        #expect(greek == ascii)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 120 }, "every line is exactly as wide as the terminal")
    }

    @Test func wrappingBreaksAtSpacesByWidth() {
        #expect(TextWrap.lines("one two three", width: 7) == ["one two", "three"])
        #expect(TextWrap.lines("日本語日本語", width: 5) == ["日本", "語日", "本語"])
        #expect(TextWrap.lines("short", width: 10) == ["short"])
        #expect(TextWrap.lines("aaaa bbbb cccc", width: 9, rest: 4) == ["aaaa bbbb", "cccc"])
    }

    @Test func agesAndTimesAreCompactAndUTC() {
        #expect(DurationText.age(45) == "45s")
        #expect(DurationText.age(12 * 60 + 5) == "12m")
        #expect(DurationText.age(47 * 3_600) == "47h")
        #expect(DurationText.age(3 * 86_400 + 5) == "3d")
        #expect(TimeText.utc(Fixture.now) == "2023-11-14 22:13 UTC")
        #expect(TimeText.utc(Date(timeIntervalSince1970: 951_782_400), seconds: true) == "2000-02-29 00:00:00 UTC")
        #expect(TimeText.clock(Fixture.now) == "22:13:20")
    }
}
