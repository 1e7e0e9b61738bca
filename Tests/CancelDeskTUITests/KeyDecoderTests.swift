import CNcursesw
import Testing

@testable import CancelDeskTUI

@Suite("KeyDecoder: raw wget_wch reads to keys")
struct KeyDecoderTests {
    @Test(
        "characters",
        arguments: [
            (UInt32(97), Key.character("a")), (65, .character("A")), (0x31, .character("1")),
            (0x2F, .character("/")), (0x3F, .character("?")), (233, .character("é")), (0x65E5, .character("日")),
            (0x1F44D, .character("👍")),
        ])
    func characters(code: UInt32, key: Key) {
        #expect(KeyDecoder.key(for: .character(code)) == key)
    }

    @Test(
        "control characters",
        arguments: [
            (UInt32(1), Key.control("a")), (3, .control("c")), (17, .control("q")), (18, .control("r")),
            (19, .control("s")), (21, .control("u")), (23, .control("w")), (26, .control("z")),
            (9, .tab), (10, .enter), (13, .enter), (27, .escape), (8, .backspace), (127, .backspace), (32, .space),
        ])
    func controls(code: UInt32, key: Key) {
        #expect(KeyDecoder.key(for: .character(code)) == key)
    }

    @Test("codes the console does not use decode to nothing", arguments: [UInt32(0), 28, 29, 30, 31, 0x80, 0x9B, 0x9F])
    func ignoredCharacters(code: UInt32) {
        #expect(KeyDecoder.key(for: .character(code)) == nil)
    }

    @Test(
        "function keys",
        arguments: [
            (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home),
            (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_DC, .delete),
            (KEY_BACKSPACE, .backspace), (KEY_BTAB, .backTab), (KEY_ENTER, .enter), (KEY_RESIZE, .resize),
            (KEY_A1, .home), (KEY_C1, .end), (KEY_A3, .pageUp), (KEY_C3, .pageDown), (KEY_FIND, .home),
            (KEY_SELECT, .end),
        ])
    func functionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.key(for: .keyCode(code)) == key)
    }

    @Test("F1 to F12, and nothing above", arguments: 1...13)
    func numberedFunctionKeys(number: Int32) {
        let key = KeyDecoder.key(for: .keyCode(cw_key_f(number)))
        #expect(key == (number <= 12 ? .function(Int(number)) : nil))
    }

    @Test("mouse, insert and unknown codes decode to nothing", arguments: [KEY_MOUSE, KEY_IC, KEY_B2, KEY_MAX])
    func ignoredKeyCodes(code: Int32) {
        #expect(KeyDecoder.key(for: .keyCode(code)) == nil)
    }

    @Test("ESC then a character is Alt with that character, case kept")
    func alt() {
        #expect(KeyDecoder.altKey(for: .character(120)) == .alt("x"))
        #expect(KeyDecoder.altKey(for: .character(88)) == .alt("X"))
        #expect(KeyDecoder.altKey(for: .character(0x2E)) == .alt("."))
        #expect(KeyDecoder.altKey(for: .character(233)) == .alt("é"))
    }

    @Test("ESC then a key, a control or another ESC is a plain Escape")
    func notAlt() {
        #expect(KeyDecoder.altKey(for: .keyCode(KEY_UP)) == nil)
        #expect(KeyDecoder.altKey(for: .keyCode(KEY_RESIZE)) == nil)
        #expect(KeyDecoder.altKey(for: .character(3)) == nil)
        #expect(KeyDecoder.altKey(for: .character(27)) == nil)
        #expect(KeyDecoder.altKey(for: .character(13)) == nil)
        #expect(KeyDecoder.escape == .character(27))
    }

    @Test("the decoder's KEY_* values are the ones in curses.h")
    func codesMatchHeaders() {
        typealias Code = KeyDecoder.Code
        #expect(Code.down == KEY_DOWN && Code.up == KEY_UP && Code.left == KEY_LEFT && Code.right == KEY_RIGHT)
        #expect(Code.home == KEY_HOME && Code.end == KEY_END && Code.backspace == KEY_BACKSPACE)
        #expect(Code.f0 == KEY_F0 && Code.f0 + 12 == cw_key_f(12))
        #expect(Code.deleteCharacter == KEY_DC && Code.nextPage == KEY_NPAGE && Code.previousPage == KEY_PPAGE)
        #expect(Code.enter == KEY_ENTER && Code.backTab == KEY_BTAB && Code.resize == KEY_RESIZE)
        #expect(Code.keypadA1 == KEY_A1 && Code.keypadA3 == KEY_A3 && Code.keypadC1 == KEY_C1)
        #expect(Code.keypadC3 == KEY_C3 && Code.find == KEY_FIND && Code.select == KEY_SELECT)
        #expect(KEY_CODE_YES == 0o400)
    }
}
