/// Turns what `wget_wch` returns into ``Key`` values. Pure: no curses, so tests need no terminal.
///
/// `CursesTerminal` calls ``key(for:)`` for each read and, after an ESC, ``altKey(for:)`` for the character that
/// arrived with it. The `KEY_*` values are ncurses' own (`curses.h`); they are part of its ABI and a test checks
/// them against the headers.
enum KeyDecoder {
    /// One read from the terminal.
    enum Raw: Equatable, Sendable {
        /// A character (`wget_wch` returned `OK`); the value is a Unicode scalar or a control code.
        case character(UInt32)
        /// A function key (`wget_wch` returned `KEY_CODE_YES`); the value is a `KEY_*` code.
        case keyCode(Int32)
    }

    /// The ESC character, which starts both the Escape key and Alt-modified characters.
    static let escape = Raw.character(27)

    /// ncurses `KEY_*` codes (octal, as in `curses.h`).
    enum Code {
        static let down: Int32 = 0o402
        static let up: Int32 = 0o403
        static let left: Int32 = 0o404
        static let right: Int32 = 0o405
        static let home: Int32 = 0o406
        static let backspace: Int32 = 0o407
        /// `KEY_F(n)` is `f0 + n`.
        static let f0: Int32 = 0o410
        static let deleteCharacter: Int32 = 0o512
        static let nextPage: Int32 = 0o522
        static let previousPage: Int32 = 0o523
        static let enter: Int32 = 0o527
        /// Keypad corners (upper-left, upper-right, lower-left, lower-right), sent by some terminals for
        /// Home, PgUp, End and PgDn.
        static let keypadA1: Int32 = 0o534
        static let keypadA3: Int32 = 0o535
        static let keypadC1: Int32 = 0o537
        static let keypadC3: Int32 = 0o540
        static let backTab: Int32 = 0o541
        static let end: Int32 = 0o550
        /// vt220-style Home and End (`kfnd`, `kslt`), e.g. `\E[1~` and `\E[4~` under some terminfo entries.
        static let find: Int32 = 0o552
        static let select: Int32 = 0o601
        static let resize: Int32 = 0o632
    }

    /// The key for one read, or nil for codes the console does not use (mouse, Insert, F13 and up, C1 controls).
    static func key(for raw: Raw) -> Key? {
        switch raw {
        case .keyCode(let code): return functionKey(code)
        case .character(let value): return characterKey(value)
        }
    }

    /// The Alt-modified key for the read that followed an ESC, or nil when that read cannot carry Alt (a
    /// function key, a control character): the ESC is then a plain Escape and the read is decoded on its own.
    static func altKey(for raw: Raw) -> Key? {
        guard case .character(let value) = raw, let character = printable(value) else { return nil }
        return .alt(character)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case Code.resize: .resize
        case Code.up: .up
        case Code.down: .down
        case Code.left: .left
        case Code.right: .right
        case Code.home, Code.keypadA1, Code.find: .home
        case Code.end, Code.keypadC1, Code.select: .end
        case Code.previousPage, Code.keypadA3: .pageUp
        case Code.nextPage, Code.keypadC3: .pageDown
        case Code.deleteCharacter: .delete
        case Code.backspace: .backspace
        case Code.backTab: .backTab
        case Code.enter: .enter
        case (Code.f0 + 1)...(Code.f0 + 12): .function(Int(code - Code.f0))
        default: nil
        }
    }

    private static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 32: return .space
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26; Tab (Ctrl-I), Enter (Ctrl-J, Ctrl-M) and Backspace (Ctrl-H) are above.
            return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        default:
            return printable(value).map(Key.character)
        }
    }

    /// The character for a scalar that draws something: not C0, DEL or C1, not a surrogate, not out of range.
    private static func printable(_ value: UInt32) -> Character? {
        switch value {
        case 0...0x1F, 0x7F...0x9F: return nil
        default: return Unicode.Scalar(value).map(Character.init)
        }
    }
}
