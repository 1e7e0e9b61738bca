import Testing

@testable import CancelDeskTUI

@Suite("Key notation")
struct KeymapNotationTests {
    @Test(
        "accepted spellings",
        arguments: [
            ("a", Key.character("a")), ("A", .character("A")), ("/", .character("/")), ("?", .character("?")),
            ("<", .character("<")), ("<lt>", .character("<")), ("<LT>", .character("<")), ("é", .character("é")),
            ("<C-r>", .control("r")), ("<c-r>", .control("r")), ("<Ctrl-r>", .control("r")),
            ("<ctrl+r>", .control("r")),
            ("<C-R>", .control("r")), ("<CTRL-x>", .control("x")), ("<c+b>", .control("b")),
            ("<A-x>", .alt("x")), ("<Alt-x>", .alt("x")), ("<M-x>", .alt("x")), ("<meta+X>", .alt("X")),
            ("<Enter>", .enter), ("<enter>", .enter), ("<CR>", .enter), ("<Return>", .enter),
            ("<Esc>", .escape), ("<ESCAPE>", .escape), ("<Space>", .space), ("<Tab>", .tab),
            ("<S-Tab>", .backTab), ("<s-tab>", .backTab), ("<shift+tab>", .backTab), ("<BS>", .backspace),
            ("<Backspace>", .backspace), ("<Del>", .delete), ("<Up>", .up), ("<down>", .down), ("<Left>", .left),
            ("<Right>", .right), ("<Home>", .home), ("<End>", .end), ("<PgUp>", .pageUp), ("<pgdn>", .pageDown),
            ("<PageDown>", .pageDown), ("<F1>", .function(1)), ("<f12>", .function(12)),
        ])
    func accepted(text: String, key: Key) {
        #expect(KeyNotation.parse(text) == .success(key))
    }

    @Test(
        "canonical forms",
        arguments: [
            (Key.character("a"), "a"), (.character("A"), "A"), (.character("<"), "<lt>"), (.control("r"), "<C-r>"),
            (.alt("x"), "<A-x>"), (.alt("<"), "<A-lt>"), (.enter, "<Enter>"), (.escape, "<Esc>"), (.space, "<Space>"),
            (.tab, "<Tab>"), (.backTab, "<S-Tab>"), (.backspace, "<BS>"), (.delete, "<Del>"), (.pageUp, "<PgUp>"),
            (.pageDown, "<PgDn>"), (.function(5), "<F5>"),
        ])
    func canonical(key: Key, text: String) {
        #expect(KeyNotation.canonical(key) == text)
    }

    @Test("every bindable key round-trips")
    func roundTrip() {
        var keys: [Key] = [
            .enter, .escape, .space, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end,
            .pageUp, .pageDown, .character("<"), .character(">"), .character("\\"), .character("\""), .alt("<"),
        ]
        keys += (1...12).map(Key.function)
        keys += "abcdefgklnoprtuvwxy".map(Key.control)
        keys += "aZ0/?*-+.,;:!~ß€".flatMap { [Key.character($0), Key.alt($0)] }
        for key in keys {
            #expect(KeyNotation.parse(KeyNotation.canonical(key)) == .success(key), "\(key)")
        }
    }

    @Test(
        "rejected notations, each with its reason",
        arguments: [
            ("<C-m>", KeyNotationError.indistinguishable(from: "<Enter>"), "indistinguishable from <Enter>"),
            ("<C-j>", .indistinguishable(from: "<Enter>"), "indistinguishable from <Enter>"),
            ("<C-M>", .indistinguishable(from: "<Enter>"), "indistinguishable from <Enter>"),
            ("<C-i>", .indistinguishable(from: "<Tab>"), "indistinguishable from <Tab>"),
            ("<C-[>", .indistinguishable(from: "<Esc>"), "indistinguishable from <Esc>"),
            ("<C-h>", .indistinguishable(from: "<BS> on many terminals"), "<BS>"),
            ("<C-s>", .flowControl, "flow control"),
            ("<ctrl+q>", .flowControl, "XON/XOFF"),
            ("<C-z>", .signal(effect: "SIGTSTP (suspend, job control)"), "SIGTSTP"),
            ("<C-\\>", .signal(effect: "SIGQUIT (quit with a core dump)"), "SIGQUIT"),
            ("<S-a>", .shiftedCharacter("A"), "as typed: A"),
            ("<shift-x>", .shiftedCharacter("X"), "as typed: X"),
            ("gg", .multiKey(suggestion: nil), "multi-key sequences are not supported"),
            ("<Esc>o", .multiKey(suggestion: nil), "multi-key"),
            ("<C-x><C-s>", .multiKey(suggestion: nil), "multi-key"),
            ("Enter", .multiKey(suggestion: "<Enter>"), "did you mean <Enter>?"),
            ("ctrl+r", .multiKey(suggestion: "<C-r>"), "did you mean <C-r>?"),
            ("<C-Up>", .unsupportedCombination("Ctrl with <Up> has no portable terminal code"), "no portable"),
            ("<ctrl-pgdn>", .unsupportedCombination("Ctrl with <PgDn> has no portable terminal code"), "<PgDn>"),
            (
                "<C-Enter>", .unsupportedCombination("terminals send Ctrl with <Enter> as plain <Enter>"),
                "plain <Enter>"
            ),
            ("<C-S-a>", .unsupportedCombination("combined modifiers are not supported"), "combined modifiers"),
            ("<C-1>", .unsupportedCombination("Ctrl combines only with the letters a-z"), "letters a-z"),
            ("<A-Enter>", .unsupportedCombination("Alt combines only with a printable character, not <Enter>"), "Alt"),
            ("<S-Up>", .unsupportedCombination("Shift combines only with <Tab> (<S-Tab>), not <Up>"), "Shift"),
            ("<Foo>", .unknownName("Foo"), "unknown key name <Foo>"),
            ("<F13>", .functionKeyOutOfRange, "<F1> to <F12>"),
            ("<F0>", .functionKeyOutOfRange, "<F1> to <F12>"),
            ("<a>", .bracketedCharacter("a"), "without brackets: a"),
            ("<Enter", .unterminated, "write <lt>"),
            ("", .empty, "empty key"),
            (" ", .useName("<Space>"), "write <Space>"),
            ("\t", .useName("<Tab>"), "write <Tab>"),
            ("\u{7}", .notPrintable, "not a printable character"),
        ])
    func rejected(text: String, error: KeyNotationError, reasonContains: String) {
        let result = KeyNotation.parse(text)
        #expect(result == .failure(error))
        if case .failure(let actual) = result {
            #expect(actual.reason.contains(reasonContains), "\(actual.reason)")
            #expect(actual.description == actual.reason)
        }
    }

    @Test("the reason for <C-m> is the one the issue quotes")
    func controlMReason() {
        guard case .failure(let error) = KeyNotation.parse("<C-m>") else {
            Issue.record("<C-m> was accepted")
            return
        }
        #expect(error.reason == "indistinguishable from <Enter>; use another key")
    }
}
