/// The key notation of keymap.json, both ways.
///
/// - A printable character stands for itself: `a`, `/`, `?`; uppercase means shifted (`A`), so `<S-a>` is refused.
/// - `<C-x>` is Ctrl plus a letter (canonical form); `<Ctrl-x>`, `<ctrl+x>`, `<c-x>` and `<C-X>` mean the same.
/// - `<A-x>` is Alt plus a character (also `<Alt-x>`, `<M-x>`, `<Meta-x>`); it works, but arrives as Esc + x.
/// - Names, case-insensitive: `<Enter> <Esc> <Space> <Tab> <S-Tab> <BS> <Del> <Up> <Down> <Left> <Right> <Home>
///   <End> <PgUp> <PgDn> <F1>`…`<F12>` and `<lt>` for `<`.
/// - Refused, with a reason: keys a terminal sends as another key (`<C-m>`, `<C-j>` = Enter, `<C-i>` = Tab,
///   `<C-[>` = Esc, `<C-h>` = Backspace), flow control (`<C-s>`, `<C-q>`), job-control signals (`<C-z>`, `<C-\>`),
///   multi-key sequences, and modifier combinations without a portable terminal code (`<C-Up>`, `<C-S-a>`).
public enum KeyNotation {
    /// Parses one key as written in keymap.json.
    public static func parse(_ text: String) -> Result<Key, KeyNotationError> {
        guard !text.isEmpty else { return .failure(.empty) }
        if text.count == 1, let character = text.first {
            return parseCharacter(character)
        }
        guard text.first == "<" else {
            // Forgotten brackets (`Enter`, `ctrl+r`) read as a sequence; point at what was meant.
            let suggestion = try? parseBracketed(String(text)).get()
            return .failure(.multiKey(suggestion: suggestion.map(canonical)))
        }
        guard let close = text.firstIndex(of: ">") else { return .failure(.unterminated) }
        let inner = text[text.index(after: text.startIndex)..<close]
        guard text.index(after: close) == text.endIndex, !inner.contains("<") else {
            return .failure(.multiKey(suggestion: nil))
        }
        return parseBracketed(String(inner))
    }

    /// The canonical notation of `key`, as help and `keymap --check` show it.
    public static func canonical(_ key: Key) -> String {
        switch key {
        case .character("<"): "<lt>"
        case .character(" "): "<Space>"
        case .character(let character): String(character)
        case .control(let character): "<C-\(character)>"
        case .alt("<"): "<A-lt>"
        case .alt(let character): "<A-\(character)>"
        case .enter: "<Enter>"
        case .escape: "<Esc>"
        case .space: "<Space>"
        case .tab: "<Tab>"
        case .backTab: "<S-Tab>"
        case .backspace: "<BS>"
        case .delete: "<Del>"
        case .up: "<Up>"
        case .down: "<Down>"
        case .left: "<Left>"
        case .right: "<Right>"
        case .home: "<Home>"
        case .end: "<End>"
        case .pageUp: "<PgUp>"
        case .pageDown: "<PgDn>"
        case .function(let number): "<F\(number)>"
        case .resize: "<Resize>"
        case .paste: "<Paste>"
        }
    }

    /// The canonical names, for error messages.
    static let names = [
        "<Enter>", "<Esc>", "<Space>", "<Tab>", "<S-Tab>", "<BS>", "<Del>", "<Up>", "<Down>", "<Left>", "<Right>",
        "<Home>", "<End>", "<PgUp>", "<PgDn>", "<F1>…<F12>", "<lt>",
    ]

    /// Named keys by lower-cased name, aliases included.
    private static let namedKeys: [String: Key] = {
        var table: [String: Key] = [
            "enter": .enter, "return": .enter, "cr": .enter,
            "esc": .escape, "escape": .escape,
            "space": .space,
            "tab": .tab,
            "s-tab": .backTab, "shift-tab": .backTab, "s+tab": .backTab, "shift+tab": .backTab, "backtab": .backTab,
            "bs": .backspace, "backspace": .backspace,
            "del": .delete, "delete": .delete,
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "lt": .character("<"),
        ]
        for number in 1...12 { table["f\(number)"] = .function(number) }
        return table
    }()

    private enum Modifier {
        case control, alt, shift
    }

    /// Modifier spellings, longest first so `ctrl-` wins over `c-`.
    private static let modifierPrefixes: [(String, Modifier)] = [
        ("ctrl", .control), ("alt", .alt), ("meta", .alt), ("shift", .shift),
        ("c", .control), ("a", .alt), ("m", .alt), ("s", .shift),
    ]

    private static func parseCharacter(_ character: Character) -> Result<Key, KeyNotationError> {
        switch character {
        case " ": return .failure(.useName("<Space>"))
        case "\t": return .failure(.useName("<Tab>"))
        case "\r", "\n", "\r\n": return .failure(.useName("<Enter>"))
        default: return isPrintable(character) ? .success(.character(character)) : .failure(.notPrintable)
        }
    }

    /// The text between `<` and `>`.
    private static func parseBracketed(_ inner: String) -> Result<Key, KeyNotationError> {
        let lowered = inner.lowercased()
        if let key = namedKeys[lowered] { return .success(key) }
        if let (modifier, rest) = splitModifier(inner) {
            switch modifier {
            case .control: return parseControl(rest)
            case .alt: return parseAlt(rest)
            case .shift: return parseShift(rest)
            }
        }
        if lowered.first == "f", lowered.count > 1, lowered.dropFirst().allSatisfy(\.isASCII),
            Int(lowered.dropFirst()) != nil
        {
            return .failure(.functionKeyOutOfRange)
        }
        if inner.count == 1, let character = inner.first, isPrintable(character), character != " " {
            return .failure(.bracketedCharacter(String(character)))
        }
        return .failure(.unknownName(inner))
    }

    private static func splitModifier(_ inner: String) -> (Modifier, String)? {
        let lowered = inner.lowercased()
        for (prefix, modifier) in modifierPrefixes {
            for separator in ["-", "+"] where lowered.hasPrefix(prefix + separator) {
                let rest = String(inner.dropFirst(prefix.count + 1))
                if !rest.isEmpty { return (modifier, rest) }
            }
        }
        return nil
    }

    private static func parseControl(_ rest: String) -> Result<Key, KeyNotationError> {
        guard rest.count == 1, let character = rest.first else { return .failure(controlWithName(rest)) }
        switch character.lowercased() {
        case "m", "j": return .failure(.indistinguishable(from: "<Enter>"))
        case "i": return .failure(.indistinguishable(from: "<Tab>"))
        case "[": return .failure(.indistinguishable(from: "<Esc>"))
        case "h": return .failure(.indistinguishable(from: "<BS> on many terminals"))
        case "?": return .failure(.indistinguishable(from: "<BS> on many terminals (it sends DEL)"))
        case "s", "q": return .failure(.flowControl)
        case "z": return .failure(.signal(effect: "SIGTSTP (suspend, job control)"))
        case "\\": return .failure(.signal(effect: "SIGQUIT (quit with a core dump)"))
        default: break
        }
        let lowered = character.lowercased()
        guard lowered.count == 1, let letter = lowered.first, letter.isASCII, letter.isLetter else {
            return .failure(.unsupportedCombination("Ctrl combines only with the letters a-z"))
        }
        return .success(.control(letter))
    }

    private static func controlWithName(_ rest: String) -> KeyNotationError {
        if splitModifier(rest) != nil { return .unsupportedCombination("combined modifiers are not supported") }
        switch namedKeys[rest.lowercased()] {
        case .up?, .down?, .left?, .right?, .home?, .end?, .pageUp?, .pageDown?, .delete?:
            return .unsupportedCombination("Ctrl with \(canonicalName(rest)) has no portable terminal code")
        case .function?:
            return .unsupportedCombination("Ctrl with function keys has no portable terminal code")
        case let key?:
            return .unsupportedCombination("terminals send Ctrl with \(canonical(key)) as plain \(canonical(key))")
        case nil:
            return .unknownName(rest)
        }
    }

    private static func parseAlt(_ rest: String) -> Result<Key, KeyNotationError> {
        if rest.lowercased() == "lt" { return .success(.alt("<")) }
        if rest.count == 1, let character = rest.first, isPrintable(character), character != " " {
            return .success(.alt(character))
        }
        if splitModifier(rest) != nil {
            return .failure(.unsupportedCombination("combined modifiers are not supported"))
        }
        guard namedKeys[rest.lowercased()] != nil else { return .failure(.unknownName(rest)) }
        let name = canonicalName(rest)
        return .failure(.unsupportedCombination("Alt combines only with a printable character, not \(name)"))
    }

    private static func parseShift(_ rest: String) -> Result<Key, KeyNotationError> {
        if rest.lowercased() == "tab" { return .success(.backTab) }
        if rest.count == 1, let character = rest.first, isPrintable(character), character != " " {
            let shifted = character.uppercased()
            return .failure(.shiftedCharacter(shifted == String(character) ? String(character) : shifted))
        }
        if splitModifier(rest) != nil {
            return .failure(.unsupportedCombination("combined modifiers are not supported"))
        }
        guard namedKeys[rest.lowercased()] != nil else { return .failure(.unknownName(rest)) }
        let name = canonicalName(rest)
        return .failure(.unsupportedCombination("Shift combines only with <Tab> (<S-Tab>), not \(name)"))
    }

    private static func canonicalName(_ name: String) -> String {
        namedKeys[name.lowercased()].map(canonical) ?? "<\(name)>"
    }

    /// Printable: no control or format characters, not a line break.
    private static func isPrintable(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: false
            default: true
            }
        }
    }
}
